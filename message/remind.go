package message

// Keys of desktop reminders: unhunch remind (issue 19).
const (
	HelpRemind            Key = "help.remind"
	HelpRemindLong        Key = "help.remind.long"
	HelpRemindInstall     Key = "help.remind.install"
	HelpRemindUninstall   Key = "help.remind.uninstall"
	RemindSummary         Key = "remind.summary"
	RemindBodyRoutine     Key = "remind.body.routine"
	RemindBodyMinutes     Key = "remind.body.minutes"
	RemindBodyMinutesOff  Key = "remind.body.minutes_off_floor"
	RemindStartNow        Key = "remind.start_now"
	RemindLater           Key = "remind.later"
	RemindNoService       Key = "remind.no_service"
	RemindRunning         Key = "remind.running"
	RemindOpen            Key = "remind.open"
	RemindInstalled       Key = "remind.installed"
	RemindUninstalled     Key = "remind.uninstalled"
	RemindNotInstalled    Key = "remind.not_installed"
	RemindNoConfigDir     Key = "remind.no_config_dir"
	RemindUnitDescription Key = "remind.unit_description"
	RemindCannotWrite     Key = "remind.cannot_write"
	// ProgressPlanned is practice against the schedule in `unhunch progress`.
	ProgressPlanned Key = "progress.planned"
	// WebScheduleSaved says the settings page saved the schedule.
	WebScheduleSaved Key = "web.schedule.saved"

	ScheduleBadSitting  Key = "schedule.bad_sitting"
	FlagScheduleSitting Key = "flag.schedule.sitting"
	ScheduleShowSitting Key = "schedule.show.sitting"
	RemindSittingTitle  Key = "remind.sitting.title"
	RemindSittingBody   Key = "remind.sitting.body"
	RemindNoIdle        Key = "remind.no_idle"
)

var remindWords = []entry{
	{HelpRemind, "Remind you on your desktop at the times of your schedule"},
	{HelpRemindLong, "Runs in the foreground and shows a desktop notification at each time of your schedule, with Start now and Later (15 minutes). It stays quiet in your quiet hours, on days you have already practised (unless the schedule says otherwise) and after the number of reminders a day you chose. Without a notification service it rings the terminal bell and writes a line. To run it whenever you log in: unhunch remind install."},
	{HelpRemindInstall, "Run reminders whenever you log in (a systemd user service)"},
	{HelpRemindUninstall, "Stop running reminders when you log in"},
	{RemindSummary, "Time for your upper-back exercises"},
	{RemindBodyRoutine, "%s, about %d minutes. A short break now helps more than a long one later."},
	{RemindBodyMinutes, "A %d-minute plan made for you now. A short break now helps more than a long one later."},
	{RemindBodyMinutesOff, "A %d-minute plan made for you now, off the floor. A short break now helps more than a long one later."},
	{RemindStartNow, "Start now"},
	{RemindLater, "Later"},
	{RemindNoService, "no desktop notification service (%v): reminders will ring the terminal bell and show here instead"},
	{RemindRunning, "Reminders are on; next at %s. Stop with Ctrl-C."},
	{RemindOpen, "Open the player: %s"},
	{RemindInstalled, "Wrote %s. Turn it on now with: systemctl --user daemon-reload && systemctl --user enable --now %s"},
	{RemindUninstalled, "Removed %s. If it was running, stop it with: systemctl --user disable --now %s"},
	{RemindNotInstalled, "there is no reminder service at %s: nothing to remove"},
	{RemindNoConfigDir, "cannot tell where your systemd user units go: set XDG_CONFIG_HOME or HOME"},
	{RemindUnitDescription, "unhunch practice reminders"},
	{RemindCannotWrite, "cannot write %s: %v"},
	{ScheduleBadSitting, "%d minutes of sitting before a break cannot be set: choose from %d to %d, or 0 to turn sitting reminders off"},
	{FlagScheduleSitting, "suggest a short desk routine after this many minutes of continuous activity at the computer (0: off)"},
	{ScheduleShowSitting, "Sitting:   a short desk routine after %d minutes at the computer without a break."},
	{RemindSittingTitle, "Time to get up for a moment"},
	{RemindSittingBody, "You have been at the computer for %d minutes. A %d-minute desk routine loosens your upper back."},
	{RemindNoIdle, "sitting reminders are off: this session does not say how long it has been idle (%v)"},
	{WebScheduleSaved, "Schedule saved. While this app is open, it reminds you at those times if your browser lets it."},
	{ProgressPlanned, "Your schedule: practised on %d of %d planned days since %s; %s planned in a row."},
}

func init() { table(remindWords) }
