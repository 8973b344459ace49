package message

// Keys of the practice schedule, the calendar file and reminders (issue 19).
const (
	ScheduleNoDays           Key = "schedule.no_days"
	ScheduleBadDay           Key = "schedule.bad_day"
	ScheduleDaysForm         Key = "schedule.days_form"
	ScheduleNoTimes          Key = "schedule.no_times"
	ScheduleTooManyTimes     Key = "schedule.too_many_times"
	ScheduleClockForm        Key = "schedule.clock_form"
	ScheduleBadClock         Key = "schedule.bad_clock"
	ScheduleTimeTwice        Key = "schedule.time_twice"
	ScheduleTimesOrder       Key = "schedule.times_order"
	ScheduleRoutineOrMinutes Key = "schedule.routine_or_minutes"
	ScheduleBadMinutes       Key = "schedule.bad_minutes"
	ScheduleBadEquipment     Key = "schedule.bad_equipment"
	ScheduleQuietForm        Key = "schedule.quiet_form"
	ScheduleBadQuiet         Key = "schedule.bad_quiet"
	ScheduleQuietOverlap     Key = "schedule.quiet_overlap"
	ScheduleTimeInQuiet      Key = "schedule.time_in_quiet"
	ScheduleBadMax           Key = "schedule.bad_max"
	ScheduleRoutineGone      Key = "schedule.routine_gone"
	ScheduleRoutineFloor     Key = "schedule.routine_floor"
	ScheduleRoutineEquipment Key = "schedule.routine_equipment"
	ScheduleUnknownRoutine   Key = "schedule.unknown_routine"
	ScheduleNothingFits      Key = "schedule.nothing_fits"
	ScheduleStored           Key = "schedule.stored"
	ScheduleNone             Key = "schedule.none"
	ScheduleCleared          Key = "schedule.cleared"
	ScheduleShowDays         Key = "schedule.show.days"
	ScheduleShowTimes        Key = "schedule.show.times"
	ScheduleShowRoutine      Key = "schedule.show.routine"
	ScheduleShowMinutes      Key = "schedule.show.minutes"
	ScheduleShowPlace        Key = "schedule.show.place"
	ScheduleShowFloor        Key = "schedule.show.floor"
	ScheduleShowNoFloor      Key = "schedule.show.no_floor"
	ScheduleShowNoEquipment  Key = "schedule.show.no_equipment"
	ScheduleShowQuiet        Key = "schedule.show.quiet"
	ScheduleShowSkip         Key = "schedule.show.skip"
	ScheduleShowMax          Key = "schedule.show.max"
	ScheduleShowNext         Key = "schedule.show.next"
	ScheduleShowNoLongerFits Key = "schedule.show.no_longer_fits"
	ScheduleStoreBad         Key = "schedule.store_bad"
	ScheduleNeedSchedule     Key = "schedule.need_schedule"

	HelpSchedule        Key = "help.schedule"
	HelpScheduleLong    Key = "help.schedule.long"
	HelpScheduleSet     Key = "help.schedule.set"
	HelpScheduleSetLong Key = "help.schedule.set.long"
	HelpScheduleShow    Key = "help.schedule.show"
	HelpScheduleClear   Key = "help.schedule.clear"
	HelpScheduleICS     Key = "help.schedule.ics"
	HelpScheduleICSLong Key = "help.schedule.ics.long"
	FlagScheduleDays    Key = "flag.schedule.days"
	FlagScheduleAt      Key = "flag.schedule.at"
	FlagScheduleRoutine Key = "flag.schedule.routine"
	FlagScheduleMinutes Key = "flag.schedule.minutes"
	FlagScheduleQuiet   Key = "flag.schedule.quiet"
	FlagScheduleNoSkip  Key = "flag.schedule.no_skip"
	FlagScheduleMax     Key = "flag.schedule.max"
	FlagScheduleBaseURL Key = "flag.schedule.base_url"
	FlagScheduleTZ      Key = "flag.schedule.tz"
	ScheduleBadTZ       Key = "schedule.bad_tz"
	ICSSummaryRoutine   Key = "ics.summary.routine"
	ICSSummaryMinutes   Key = "ics.summary.minutes"
	ICSDescription      Key = "ics.description"
	ICSAlarm            Key = "ics.alarm"
)

var scheduleWords = []entry{
	{ScheduleNoDays, "no days given: name the days to practise, such as mon-fri, weekdays, daily or mon,wed,fri"},
	{ScheduleBadDay, "%q is not a day of the week: use mon, tue, wed, thu, fri, sat or sun (or ranges like mon-fri)"},
	{ScheduleDaysForm, "the days %s are not a list of day names: use [\"mon\", \"tue\"] and so on"},
	{ScheduleNoTimes, "no times given: say when to practise as HH:MM on a 24-hour clock, such as 12:30 or 12:30,17:45"},
	{ScheduleTooManyTimes, "%d times a day is more than a schedule holds (%d); pick the moments that suit you best"},
	{ScheduleClockForm, "%q is not a time: write it as HH:MM on a 24-hour clock with two digits for the minutes, such as 12:05 or 17:45"},
	{ScheduleBadClock, "%q is not a time of day: hours go from 00 to 23 and minutes from 00 to 59"},
	{ScheduleTimeTwice, "%s is given twice: name each time once"},
	{ScheduleTimesOrder, "the times must be in order through the day"},
	{ScheduleRoutineOrMinutes, "say what to do at those times: either --routine ID (see unhunch routines) or --minutes N for a plan made for you then, not both"},
	{ScheduleBadMinutes, "%d minutes cannot be planned: choose from %d to %d"},
	{ScheduleBadEquipment, "%q is not equipment unhunch knows: use foam-roller, towel, wall, doorway, chair, pillow, mat, or none"},
	{ScheduleQuietForm, "%q is not a span of quiet hours: write it as HH:MM-HH:MM, such as 22:00-07:00"},
	{ScheduleBadQuiet, "quiet hours %s start and end at the same time: give a span, such as 22:00-07:00"},
	{ScheduleQuietOverlap, "quiet hours %s and %s overlap: join them into one span or move one"},
	{ScheduleTimeInQuiet, "%s falls in your quiet hours %s, so you would never be reminded then: move the time or the quiet hours"},
	{ScheduleBadMax, "%d reminders a day cannot be: give 0 (one for each time) or more"},
	{ScheduleRoutineGone, "the routine %q names the exercise %q, which is no longer in the catalog: pick another routine or fix your file"},
	{ScheduleRoutineFloor, "the routine %q has %q on the floor, and you said no floor: pick another routine or use --minutes for a plan off the floor"},
	{ScheduleRoutineEquipment, "the routine %q has %q, which needs a %s you did not list: add it with --equipment, or use --minutes for a plan with what you have"},
	{ScheduleUnknownRoutine, "there is no routine %q"},
	{ScheduleNothingFits, "no plan of %d minutes can be made for that place: %s"},
	{ScheduleStored, "Schedule saved."},
	{ScheduleNone, "No schedule yet. Set one with: unhunch schedule set --days mon-fri --at 12:30 --minutes 5"},
	{ScheduleCleared, "Schedule cleared: no more reminders."},
	{ScheduleShowDays, "Days:      %s"},
	{ScheduleShowTimes, "Times:     %s (your local time)"},
	{ScheduleShowRoutine, "Routine:   %s"},
	{ScheduleShowMinutes, "Plan:      %d minutes, made for you at that moment"},
	{ScheduleShowPlace, "Place:     %s; equipment: %s"},
	{ScheduleShowFloor, "floor is fine"},
	{ScheduleShowNoFloor, "no floor"},
	{ScheduleShowNoEquipment, "none"},
	{ScheduleShowQuiet, "Quiet:     %s"},
	{ScheduleShowSkip, "Skipped on days you have already practised."},
	{ScheduleShowMax, "Reminders: at most %d a day."},
	{ScheduleShowNext, "Next:      %s"},
	{ScheduleShowNoLongerFits, "Note: %s"},
	{ScheduleStoreBad, "the saved schedule cannot be read (%s): set it again with unhunch schedule set"},
	{ScheduleNeedSchedule, "there is no schedule yet: set one with unhunch schedule set --days mon-fri --at 12:30 --minutes 5"},

	{HelpSchedule, "When to practise: days, times and what to do"},
	{HelpScheduleLong, "Set, show or clear your practice schedule, and write it as a calendar file. Times are your local wall-clock times: they stay at 12:30 when the clocks change or you travel."},
	{HelpScheduleSet, "Set the days and times to practise"},
	{HelpScheduleSetLong, "Set when to practise and what to do then: a routine (--routine ID) or a plan made for you at that moment (--minutes N, with --no-floor and --equipment for the place). The whole schedule is replaced, or nothing changes."},
	{HelpScheduleShow, "Show your practice schedule"},
	{HelpScheduleClear, "Remove your practice schedule"},
	{HelpScheduleICS, "Write your schedule as a calendar file"},
	{HelpScheduleICSLong, "Write your schedule as an iCalendar file (RFC 5545) with repeating events and a reminder, to import into a calendar: unhunch schedule ics > unhunch.ics"},
	{FlagScheduleDays, "days to practise: mon-fri, weekdays, weekends, daily or names like mon,wed,fri"},
	{FlagScheduleAt, "times of day, HH:MM on a 24-hour clock, comma-separated (12:30,17:45)"},
	{FlagScheduleRoutine, "the routine to do at those times (see unhunch routines)"},
	{FlagScheduleMinutes, "instead of a routine, a plan of this many minutes made for you at that moment"},
	{FlagScheduleQuiet, "quiet hours with no reminders, HH:MM-HH:MM, comma-separated (22:00-07:00)"},
	{FlagScheduleNoSkip, "remind you even on days you have already practised"},
	{FlagScheduleMax, "the most reminders a day (0: one for each time)"},
	{FlagScheduleBaseURL, "the address of your unhunch web app, for the link in each event"},
	{FlagScheduleTZ, "the time zone of the calendar's events (an IANA name such as Europe/Berlin); by default they follow whatever zone you are in"},
	{ScheduleBadTZ, "%q is not a time zone: use an IANA name such as Europe/Berlin or America/New_York"},
	{ICSSummaryRoutine, "unhunch: %s"},
	{ICSSummaryMinutes, "unhunch: %d minutes for your upper back"},
	{ICSDescription, "Time for your exercises. Open the player: %s"},
	{ICSAlarm, "Time for your upper-back exercises"},
}

func init() { table(scheduleWords) }
