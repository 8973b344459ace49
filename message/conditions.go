package message

// Keys of issue 11's safety additions: conditions that keep exercises out,
// clinicians' clearances of them, the tingling-or-numbness stop, answers
// files and emergency-first screening.
const (
	CatalogBadCondition Key = "catalog.bad_condition"

	ScreenEmergencyStop     Key = "screen.emergency_stop"
	ScreenFollowUpAlone     Key = "screen.follow_up_alone"
	ScreenRetiredID         Key = "screen.retired_id"
	ScreenConditionAdvice   Key = "screen.condition_advice"
	ScreenConditionLine     Key = "screen.condition_line"
	ScreenConditionNothing  Key = "screen.condition_nothing"
	ScreenSavedEmergency    Key = "screen.saved_emergency"
	ScreenEmergencyProblems Key = "screen.emergency_problems"
	ScreenManyMissing       Key = "screen.many_missing"
	ScreenOneProblem        Key = "screen.one_problem"
	ScreenProblems          Key = "screen.problems"
	ScreenNotBoolEmergency  Key = "screen.not_bool_emergency"
	ScreenFixHint           Key = "screen.fix_hint"

	CondLeftOut        Key = "condition.left_out"
	CondLeftOutOne     Key = "condition.left_out_one"
	PlanSummaryKeptOut Key = "plan.summary.kept_out"

	HelpClear           Key = "help.exercise_clear"
	HelpClearLong       Key = "help.exercise_clear_long"
	FlagCondition       Key = "flag.condition"
	FlagWithdraw        Key = "flag.withdraw"
	ClearNeedsCondition Key = "clear.needs_condition"
	ClearBadCondition   Key = "clear.bad_condition"
	ClearNotUnsuitable  Key = "clear.not_unsuitable"
	ClearDone           Key = "clear.done"
	ClearWithdrawn      Key = "clear.withdrawn"
	ClearWasNot         Key = "clear.was_not"
	AsideCondition      Key = "aside.condition"
	AsideCleared        Key = "aside.cleared"
	AsideConditionHint  Key = "aside.condition_hint"
	WebScreenBadSteps   Key = "web.screen_bad_steps"
	WebClearanceMissing Key = "web.clearance_missing"
)

var conditionsWords = []entry{
	{CatalogBadCondition, "unknown condition %q; use one of: %s"},

	// The safety guidance (`unhunch about safety`, the web's safety page):
	// the lists are the screening questions' topics, filled in by
	// person.GuideBody, so the page and the questions always agree.
	{"about.safety.not-yet.body", "These routines are not for everyone. unhunch asks a few short safety questions before your first session, every week after, and whenever a session gives reason to ('unhunch screen'). The lists below are those questions; answer them honestly.\n\n" +
		"Call an emergency number now (999, 112 or 911), and do not exercise, if any of these apply: %[1]s.\n\n" +
		"See a doctor or physiotherapist before you start, within a day or two, if any of these apply: %[2]s. Once they have cleared you, record it with 'unhunch screen --cleared-by-clinician'.\n\n" +
		"You can exercise, with the exercises that are not right for them left out, if any of these apply: %[3]s. If a clinician says one of them is right for you, record it with 'unhunch exercises clear'.\n\n" +
		"You can carry on, gently, and ask a clinician to look over your exercises, if this applies: %[4]s."},
	{"web.about.safety.not-yet.body", "These routines are not for everyone. unhunch asks a few short safety questions before your first session, every week after, and whenever a session gives reason to (Safety check, in the menu). The lists below are those questions; answer them honestly.\n\n" +
		"Call an emergency number now (999, 112 or 911), and do not exercise, if any of these apply: %[1]s.\n\n" +
		"See a doctor or physiotherapist before you start, within a day or two, if any of these apply: %[2]s. Once they have cleared you, record it on the Safety check page.\n\n" +
		"You can exercise, with the exercises that are not right for them left out, if any of these apply: %[3]s. If a clinician says one of them is right for you, record it in Settings.\n\n" +
		"You can carry on, gently, and ask a clinician to look over your exercises, if this applies: %[4]s."},
	{"about.safety.during.body", "Move slowly and smoothly. Breathe normally; never hold your breath to push further.\n\n" +
		"If a movement hurts sharply, makes you dizzy, brings on tingling or numbness, or simply feels wrong, stop: press s and choose why. unhunch keeps a note of it. Sharp pain, dizziness, and tingling or numbness also end the session, keep that exercise out of your routines until you bring it back, and mean the safety questions come first next time; unhunch tells you what to do straight away."},
	{"web.about.safety.during.body", "Move slowly and smoothly. Breathe normally; never hold your breath to push further.\n\n" +
		"If a movement hurts sharply, makes you dizzy, brings on tingling or numbness, or simply feels wrong, stop: press Stop (or Esc) and choose why. unhunch keeps a note of it. Sharp pain, dizziness, and tingling or numbness also end the session, keep that exercise out of your routines until you bring it back, and mean the safety questions come first next time; unhunch tells you what to do straight away."},
	{"topic.and", "; or "},
	{"topic.sep", "; "},

	// Each question's topic, as the safety guidance lists it.
	{"topic.chest-pain-now", "chest pain or pressure, or pain spreading into your arm or jaw, right now"},
	{"topic.tearing-pain-now", "a sudden, severe or tearing pain between your shoulder blades, right now"},
	{"topic.neuro-bilateral", "new weakness, clumsiness or numbness in both arms or both legs, or new trouble walking"},
	{"topic.neuro-central-recent", "double vision, slurred speech, trouble swallowing, fainting or a sudden fall since the pain began"},
	{"topic.headache-fever", "a sudden severe headache, or a stiff neck with a fever or a rash"},
	{"topic.bladder-bowel-recent", "loss of bladder or bowel control, or numbness around your genitals or bottom, since the pain began"},
	{"topic.major-trauma-recent", "pain that began after a major accident or a bad fall in the last 6 weeks"},
	{"topic.fever", "a fever, or feeling generally unwell, since the pain began"},
	{"topic.weight-loss", "weight loss without trying"},
	{"topic.cancer", "cancer, now or in the past"},
	{"topic.infection-risk", "HIV or TB, or injecting drugs"},
	{"topic.immune-medicines", "medicines that weaken your immune system"},
	{"topic.constant-night-pain", "pain that is there all the time or worse at night, and that rest or a change of position does not ease"},
	{"topic.severe-pain", "severe pain"},
	{"topic.unexplained-pain", "pain with no clear reason such as posture, a strain or long sitting"},
	{"topic.neuro-limb", "numbness, tingling or weakness in an arm, a hand, a leg or a foot"},
	{"topic.deformity", "a lump, or a change in the shape of your back"},
	{"topic.age-onset", "back pain that began before you were 20 or after 50"},
	{"topic.electric-shock", "an electric-shock feeling when you bend your neck"},
	{"topic.injury-recent", "an injury to your back, neck or ribs in the last 6 weeks"},
	{"topic.surgery-spine", "an operation on your spine or neck in the last 3 months"},
	{"topic.surgery-chest", "an operation on your heart, chest, breastbone or breast in the last 3 months"},
	{"topic.surgery-shoulder", "an operation on a shoulder in the last 3 months"},
	{"topic.osteoporosis", "osteoporosis or fragile bones, or steroid tablets taken for 3 months or more"},
	{"topic.pregnant", "pregnancy (after 12 weeks, exercises lying on your back are left out too)"},
	{"topic.inflammatory", "inflammatory arthritis, such as rheumatoid arthritis or ankylosing spondylitis, or morning stiffness lasting over 30 minutes"},

	{"web.gate.questions-changed", "The safety questions have changed since you last answered them: they now ask about more things, and more precisely. Please answer them again before you exercise."},

	// Conditions, as they read after "because of".
	{"condition.pregnancy", "pregnancy"},
	{"condition.pregnancy-after-12-weeks", "pregnancy past 12 weeks"},
	{"condition.osteoporosis", "osteoporosis or fragile bones"},
	{"condition.chest-surgery", "recent surgery to your heart, chest or breast"},
	{"condition.shoulder-surgery", "recent shoulder surgery"},

	// Stopping for tingling or numbness.
	{"stop.tingling-numbness", "tingling or numbness"},
	{"trigger.stop-tingling-numbness", "you stopped a session because of tingling or numbness"},
	{"coach.advice.tingling-numbness", "You stopped because of tingling or numbness. Stop for today and let your arms and neck rest in an easy position; it often fades within a few minutes. If it came with weakness, spreads to both arms or legs, or comes with chest pain or trouble speaking, call an emergency number now (999, 112 or 911). If it lingers or comes back, see a doctor or physiotherapist before you exercise again; this exercise stays out of your routines until you bring it back."},

	// Screening: emergency first, answers files, conditions.
	{ScreenEmergencyStop, "Your answer means you need urgent medical help, so the questions stop here."},
	{ScreenSavedEmergency, "your answers are saved: do not exercise now; get urgent medical help first"},
	{ScreenEmergencyProblems, "%s also has problems that did not matter once an emergency answer was given:%s"},
	{ScreenNotBoolEmergency, "%q must be true or false, not %s. If your answer is yes, do not exercise: call an emergency number now (999, 112 or 911)"},
	{ScreenOneProblem, "a problem"},
	{ScreenProblems, "%d problems"},
	{ScreenManyMissing, "%d questions have no answer (%s): every question needs true or false"},
	{ScreenFixHint, "Fix these and run it again; 'unhunch screen --questions --json' lists every question with its id, or answer them one at a time with 'unhunch screen' at a terminal."},
	{ScreenFollowUpAlone, "%q is true but %q is not: it is asked only of people who answer %q yes; set it to false or leave it out"},
	{ScreenRetiredID, "%q is a question from an older set of safety questions; answer the current ones (see 'unhunch screen --questions --json')"},
	{ScreenConditionAdvice, "You can exercise with unhunch, and it will leave out the exercises that are not right for you now:"},
	{ScreenConditionLine, "because of %s: %s"},
	{ScreenConditionNothing, "because of %s: nothing in the catalog needs leaving out"},

	// Left out of a routine, a start or a plan, and why.
	{CondLeftOut, "Left out because of %s: %s. If a clinician says one is right for you, record it with 'unhunch exercises clear ID --condition %s'."},
	{CondLeftOutOne, "because of %s"},
	{PlanSummaryKeptOut, "Left out for your safety: %s."},

	// A clinician's clearance of one exercise for one condition.
	{HelpClear, "Record that a clinician said an exercise is right for you despite a condition"},
	{HelpClearLong, "Some answers to the safety questions (pregnancy, osteoporosis, recent chest or shoulder surgery)\nkeep the exercises that are not right for them out of your routines and plans. If a doctor or\nphysiotherapist has said one of those exercises is right for you, record it here; it comes back\nfor that condition only. --withdraw takes the clearance back."},
	{FlagCondition, "the condition the clinician cleared the exercise of: %s"},
	{FlagWithdraw, "take back a clearance recorded before"},
	{ClearNeedsCondition, "say which condition the clinician cleared %s of, with --condition (one of: %s)"},
	{ClearBadCondition, "%q is not a condition unhunch knows; use one of: %s"},
	{ClearNotUnsuitable, "%s is not kept out for %s, so there is nothing to clear"},
	{ClearDone, "Recorded that a clinician said %s is right for you despite %s. It can be part of your routines and plans again."},
	{ClearWithdrawn, "Took back the clearance of %s for %s: while the condition applies, it stays out of your routines and plans."},
	{ClearWasNot, "%s had no clearance for %s; nothing changed."},
	{AsideCondition, "kept out because of %s"},
	{AsideCleared, "cleared by a clinician despite %s"},
	{AsideConditionHint, "If a clinician says one is right for you: unhunch exercises clear ID --condition CONDITION"},
	{WebScreenBadSteps, "the answers so far are not right (y or n for each question asked, - for a question that did not apply, at most %d); start the questions again"},
	{WebClearanceMissing, "say which condition the clinician cleared the exercise of: {\"condition\": \"%s\"}"},
}

func init() { table(conditionsWords) }
