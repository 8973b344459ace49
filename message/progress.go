package message

// Keys of `unhunch progress` and `unhunch export`.
const (
	HelpProgress          Key = "help.progress"
	ProgressTitle         Key = "progress.title"
	ProgressPractice      Key = "progress.practice"
	ProgressCalendarHead  Key = "progress.calendar_head"
	ProgressStreak        Key = "progress.streak"
	ProgressPain          Key = "progress.pain"
	ProgressCheckpoints   Key = "progress.checkpoints"
	ProgressCheckpointDue Key = "progress.checkpoint_due"
	ProgressCheckpoint    Key = "progress.checkpoint"
	ProgressDoses         Key = "progress.doses"
	ProgressDoseChange    Key = "progress.dose_change"
	ProgressDoseStart     Key = "progress.dose_start"
	ProgressBetter        Key = "progress.better"
	ProgressWorse         Key = "progress.worse"
	ProgressSame          Key = "progress.same"
	HelpExport            Key = "help.export"
	HelpExportLong        Key = "help.export_long"
	ExportBadFormat       Key = "export.bad_format"
	FlagFormat            Key = "flag.format"
	CountDay              Key = "count.day"
	CountDays             Key = "count.days"
)

func init() {
	add(map[Key]string{
		HelpProgress:          "Show practice, pain trend, doses and checkpoints",
		ProgressTitle:         "Your progress (%s)",
		ProgressPractice:      "Practice, last %d weeks (aim: every day; at least %d days a week to begin)",
		ProgressCalendarHead:  "week of     M T W T F S S   days   minutes",
		ProgressStreak:        "Streak: %s in a row (best: %s).",
		CountDay:              "1 day",
		CountDays:             "%d days",
		ProgressPain:          "Pain before sessions, weekly average (0 none – 10 worst)",
		ProgressCheckpoints:   "Checkpoints",
		ProgressCheckpointDue: "%d weeks: on %s.",
		ProgressCheckpoint:    "%d weeks: %s",
		ProgressDoses:         "Your doses",
		ProgressDoseChange:    "(changed %s: %s)",
		ProgressDoseStart:     "(the starting dose)",
		ProgressBetter:        "From %.1f to %.1f: down %.1f points, a meaningful improvement.",
		ProgressWorse:         "From %.1f to %.1f: up %.1f points, a meaningful rise.",
		ProgressSame:          "From %.1f to %.1f: no meaningful change yet (that takes 2 points or 30%%).",
		HelpExport:            "Export your journal as CSV or JSON",
		HelpExportLong:        "Export sessions, exercise outcomes, pain and doses. CSV has one row per exercise of each\nsession, oldest first, with the columns listed in docs/api.md; JSON has the sessions as\n'history --json' prints them and your current doses.",
		ExportBadFormat:       "--format %q is not supported; use csv or json",
		FlagFormat:            "csv or json",
	})
}
