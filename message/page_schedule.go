package message

// Keys of the practice schedule's words on the web app's pages (issue 19),
// named by the templates (t "page.schedule.…").
const (
	PageScheduleH             Key = "page.schedule.h"
	PageScheduleNext          Key = "page.schedule.next"
	PageScheduleIntro         Key = "page.schedule.intro"
	PageScheduleDays          Key = "page.schedule.days"
	PageScheduleAt            Key = "page.schedule.at"
	PageScheduleWhat          Key = "page.schedule.what"
	PageSchedulePlanOption    Key = "page.schedule.plan_option"
	PageScheduleMinutes       Key = "page.schedule.minutes"
	PageScheduleNoFloor       Key = "page.schedule.no_floor"
	PageScheduleKit           Key = "page.schedule.kit"
	PageScheduleQuiet         Key = "page.schedule.quiet"
	PageScheduleSkip          Key = "page.schedule.skip"
	PageScheduleMax           Key = "page.schedule.max"
	PageScheduleSitting       Key = "page.schedule.sitting"
	PageScheduleSave          Key = "page.schedule.save"
	PageScheduleCalendar      Key = "page.schedule.calendar"
	PageScheduleDesktop       Key = "page.schedule.desktop"
	PageScheduleClear         Key = "page.schedule.clear"
	PageScheduleNotifyGranted Key = "page.schedule.notify_granted"
	PageScheduleNotifyDenied  Key = "page.schedule.notify_denied"
	PageScheduleNotifyDefault Key = "page.schedule.notify_default"
	PageProgressPlanned       Key = "page.progress.planned"
	PageProgressPlannedOne    Key = "page.progress.planned_streak.one"
	PageProgressPlannedMany   Key = "page.progress.planned_streak.many"
)

var pageScheduleWords = []entry{
	{PageScheduleH, "Practice schedule"},
	{PageScheduleNext, "Next: %s (your local time)."},
	{PageScheduleIntro, "Pick the days and times that fit your day: a few minutes at the same moments works better than a long session now and then."},
	{PageScheduleDays, "Days"},
	{PageScheduleAt, "Times, on a 24-hour clock (for example 12:30, 17:45)"},
	{PageScheduleWhat, "What to do"},
	{PageSchedulePlanOption, "A plan made for me at that moment"},
	{PageScheduleMinutes, "Minutes for a plan"},
	{PageScheduleNoFloor, "I cannot get down on the floor there"},
	{PageScheduleKit, "What I have at hand there"},
	{PageScheduleQuiet, "Quiet hours with no reminders (for example 22:00-07:00)"},
	{PageScheduleSkip, "No reminder on days I have already practised"},
	{PageScheduleMax, "Most reminders in a day (0: one for each time)"},
	{PageScheduleSitting, "Suggest a short desk routine after this many minutes at the computer without a break (0: off; needs unhunch remind)"},
	{PageScheduleSave, "Save schedule"},
	{PageScheduleCalendar, "Add it to your calendar"},
	{PageScheduleDesktop, "for reminders on your desktop, run unhunch remind"},
	{PageScheduleClear, "Clear the schedule"},
	{PageScheduleNotifyGranted, "Browser reminders are on: while unhunch is open in this browser, it reminds you at those times."},
	{PageScheduleNotifyDenied, "This browser blocks unhunch's reminders; you can allow them in the site's settings, or use your calendar or unhunch remind instead."},
	{PageScheduleNotifyDefault, "Saving the schedule asks this browser whether unhunch may remind you."},
	{PageProgressPlanned, "Your schedule: practised on %d of %d planned days since %s"},
	{PageProgressPlannedOne, "1 planned day in a row"},
	{PageProgressPlannedMany, "%d planned days in a row"},
}

func init() { table(pageScheduleWords) }
