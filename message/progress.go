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
	HelpPSFS              Key = "help.psfs"
	HelpPSFSLong          Key = "help.psfs_long"
	FlagPSFSRate          Key = "flag.psfs_rate"
	PSFSForm              Key = "psfs.form"
	PSFSScore             Key = "psfs.score"
	PSFSCount             Key = "psfs.count"
	PSFSNone              Key = "psfs.none"
	PSFSTitle             Key = "psfs.title"
	PSFSLine              Key = "psfs.line"
	PSFSDue               Key = "psfs.due"
	PSFSNext              Key = "psfs.next"
	CountDay              Key = "count.day"
	CountDays             Key = "count.days"
)

var progressWords = []entry{
	{HelpProgress, "Show practice, pain trend, doses and checkpoints"},
	{ProgressTitle, "Your progress (%s)"},
	{ProgressPractice, "Practice, last %d weeks (aim: every day; at least %d days a week to begin)"},
	{ProgressCalendarHead, "week of     M T W T F S S   days   minutes"},
	{ProgressStreak, "Streak: %s in a row (best: %s)."},
	{HelpPSFS, "Rate everyday activities your back makes hard (every 2 weeks)"},
	{HelpPSFSLong, "The Patient-Specific Functional Scale: name 3 to 5 activities your back makes hard and rate\neach from 0 (unable to do it) to 10 (able to do it as before). Every two weeks, rate them again:\n  unhunch psfs --rate \"Reaching up to a shelf=4\" --rate \"Driving for an hour=6\" ..."},
	{FlagPSFSRate, "ACTIVITY=SCORE, 0 (unable) to 10 (as before); repeat"},
	{PSFSForm, "--rate %q must be ACTIVITY=SCORE, for example \"Reaching up to a shelf=4\""},
	{PSFSScore, "%q: %q is not a whole number from 0 (unable) to 10 (able as before)"},
	{PSFSCount, "name %d to %d activities (you gave %d)"},
	{PSFSNone, "No activities yet. Name 3 to 5 everyday activities your back makes hard and rate each 0 (unable) to 10 (as before): unhunch psfs --rate \"Reaching up to a shelf=4\" --rate ..."},
	{PSFSTitle, "Activities (0 unable – 10 as before), first → latest:"},
	{PSFSLine, "%s: %d → %d"},
	{PSFSDue, "It has been two weeks: rate them again with unhunch psfs --rate \"ACTIVITY=SCORE\" ..."},
	{PSFSNext, "Next rating due on %s."},
	{CountDay, "1 day"},
	{CountDays, "%d days"},
	{ProgressPain, "Pain before sessions, weekly average (0 none – 10 worst)"},
	{ProgressCheckpoints, "Checkpoints"},
	{ProgressCheckpointDue, "%d weeks: on %s."},
	{ProgressCheckpoint, "%d weeks: %s"},
	{ProgressDoses, "Your doses"},
	{ProgressDoseChange, "(changed %s: %s)"},
	{ProgressDoseStart, "(the starting dose)"},
	{ProgressBetter, "From %.1f to %.1f: down %.1f points, a meaningful improvement."},
	{ProgressWorse, "From %.1f to %.1f: up %.1f points, a meaningful rise."},
	{ProgressSame, "From %.1f to %.1f: no meaningful change yet (that takes 2 points or 30%%)."},
	{HelpExport, "Export your journal as CSV, JSON or a FHIR R4 bundle"},
	{HelpExportLong, "Export sessions, exercise outcomes, pain and doses. CSV has one row per exercise of each\nsession, oldest first, with the columns listed in docs/api.md; JSON has the sessions as\n'history --json' prints them and your current doses. FHIR is a FHIR R4 bundle a clinic's\nsystem can load: your routines as care plans, sessions, pain, weekly minutes, functional\nscale scores and safety answers, under a pseudonym ('unhunch import' reads it back)."},
	{ExportBadFormat, "--format %q is not supported; use %s"},
	{FlagFormat, "%s"},
}

func init() { table(progressWords) }
