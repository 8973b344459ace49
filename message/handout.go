package message

// Keys of the printed handout (issue 18): `unhunch handout` and the web's
// Print / PDF button.
const (
	HelpHandout      Key = "help.handout"
	HelpHandoutLong  Key = "help.handout_long"
	FlagPDF          Key = "flag.pdf"
	FlagPaper        Key = "flag.paper"
	FlagForceHandout Key = "flag.force_handout"

	HandoutNeedsPDF   Key = "handout.needs_pdf"
	HandoutBadPaper   Key = "handout.bad_paper"
	HandoutWritten    Key = "handout.written"
	HandoutIsDir      Key = "handout.is_dir"
	HandoutPageOne    Key = "handout.page_one"
	HandoutPages      Key = "handout.pages"
	HandoutA4         Key = "handout.a4"
	HandoutLetter     Key = "handout.letter"
	HandoutUnwritable Key = "handout.unwritable"
	HandoutWhat       Key = "handout.what"

	HandoutTime        Key = "handout.time"
	HandoutCount       Key = "handout.count"
	HandoutCountOne    Key = "handout.count_one"
	HandoutTwice       Key = "handout.twice"
	HandoutPrescribed  Key = "handout.prescribed"
	HandoutNote        Key = "handout.note"
	HandoutLeftOut     Key = "handout.left_out"
	HandoutLeftOutLine Key = "handout.left_out_line"
	HandoutContinued   Key = "handout.continued"
	HandoutSteps       Key = "handout.steps"
	HandoutRemember    Key = "handout.remember"
	HandoutTakeCare    Key = "handout.take_care"
	HandoutThisWeek    Key = "handout.this_week"
	HandoutDays        Key = "handout.days"
	HandoutTickHint    Key = "handout.tick_hint"
	HandoutSafety      Key = "handout.safety"
	HandoutHelpTitle   Key = "handout.help_title"
	HandoutHelpUrgent  Key = "handout.help_urgent"
	HandoutHelpSoon    Key = "handout.help_soon"
	HandoutFooter      Key = "handout.footer"
	HandoutPage        Key = "handout.page"
	HandoutSubject     Key = "handout.subject"
	HandoutEasier      Key = "handout.easier"
	HandoutLevel       Key = "handout.level"
	HandoutNoFigure    Key = "handout.no_figure"
	HandoutPrintButton Key = "web.handout.print"
	HandoutPrintHint   Key = "web.handout.print_hint"
)

var handoutWords = []entry{
	{HelpHandout, "Print a routine: a PDF handout with figures and your doses"},
	{HelpHandoutLong, "Write ROUTINE as a PDF handout to print and follow from paper: each exercise with its\n" +
		"figures, the dose you are at now, its steps, the cue to remember and its cautions, and tick\n" +
		"boxes for a week, with the safety line and when to get help on every page. Exercises left\n" +
		"out for you (after a stop, on your avoid list, or for a condition from your safety answers)\n" +
		"are left out here too, as 'unhunch start' does, and the handout says so.\n\n" +
		"The paper size comes from your locale (Letter in the US and Canada, A4 elsewhere) unless\n" +
		"--paper says otherwise. An existing FILE is replaced only with --force."},
	{FlagPDF, "write the handout to this PDF file"},
	{FlagPaper, "paper size: a4 or letter (default from your locale)"},
	{FlagForceHandout, "replace FILE if it exists"},

	{HandoutNeedsPDF, "say where to write the handout: unhunch handout ROUTINE --pdf FILE.pdf"},
	{HandoutBadPaper, "unknown paper size %q; use a4 or letter"},
	{HandoutWritten, "Wrote %s: %s, %s on %s of %s."},
	{HandoutIsDir, "%s is a directory; give a file name for the PDF, such as %[1]s/handout.pdf"},
	{HandoutPageOne, "1 page"},
	{HandoutPages, "%d pages"},
	{HandoutA4, "A4"},
	{HandoutLetter, "Letter"},
	{HandoutUnwritable, "cannot write %s: %v. Choose a folder you can write to"},
	{HandoutWhat, "write the handout"},

	{HandoutTime, "About %s"},
	{HandoutCount, "%d exercises"},
	{HandoutCountOne, "1 exercise"},
	{HandoutTwice, "Go through the list twice, at the same doses."},
	{HandoutPrescribed, "Prescribed by %s"},
	{HandoutNote, "Note from %s: %s"},
	{HandoutLeftOut, "Left out for you, as a session leaves them out"},
	{HandoutLeftOutLine, "%s: %s."},
	{HandoutContinued, "%s (continued)"},
	{HandoutSteps, "How to do it"},
	{HandoutRemember, "Remember"},
	{HandoutTakeCare, "Take care"},
	{HandoutThisWeek, "This week"},
	{HandoutDays, "Mon Tue Wed Thu Fri Sat Sun"},
	{HandoutTickHint, "Tick a box each day you do it."},
	{HandoutSafety, "Stop at once if you feel sharp pain, dizziness, or tingling or numbness. A gentle stretch is fine; pain is not."},
	{HandoutHelpTitle, "When to get help"},
	{HandoutHelpUrgent, "Call an emergency number now (999, 112 or 911), and do not exercise, for any of these: %s."},
	{HandoutHelpSoon, "See a doctor or physiotherapist if pain lingers after a session, spreads, or gets worse from one session to the next, or if it has not eased after four to six weeks of regular practice. These exercises are general guidance, not a diagnosis."},
	{HandoutFooter, "Printed %s from unhunch."},
	{HandoutPage, "Page %d of %d"},
	{HandoutSubject, "A printed exercise routine"},
	{HandoutEasier, "You are on the easier option: %s."},
	{HandoutLevel, "Your dose now (it started at %s)."},
	{HandoutNoFigure, "No figure for this exercise."},

	{HandoutPrintButton, "Print / PDF"},
	{HandoutPrintHint, "A handout to print: figures, your doses and tick boxes for a week."},
}

func init() { table(handoutWords) }
