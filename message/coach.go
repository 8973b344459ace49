package message

// Keys of the terminal coach and the line player.
const (
	CoachSaveFailed   Key = "coach.save_failed"
	CoachSaved        Key = "coach.saved"
	CoachRepOf        Key = "coach.rep_of"
	CoachSetOf        Key = "coach.set_of"
	CoachPainBefore   Key = "coach.pain_before"
	CoachPainAfter    Key = "coach.pain_after"
	CoachPainKeys     Key = "coach.pain_keys"
	CoachContinue     Key = "coach.continue"
	CoachRateTitle    Key = "coach.rate_title"
	CoachRateKeys     Key = "coach.rate_keys"
	CoachHeader       Key = "coach.header"
	CoachHeaderFinish Key = "coach.header_finish"
	CoachExercise     Key = "coach.exercise"
	CoachSession      Key = "coach.session"
	CoachNext         Key = "coach.next"
	CoachLast         Key = "coach.last"
	CoachPaused       Key = "coach.paused"
	CoachStopWhy      Key = "coach.stop_why"
	CoachKeys         Key = "coach.keys"
	CoachNotesKeys    Key = "coach.notes_keys"
	CoachNotesMore    Key = "coach.notes_more"
	StartLeftOut      Key = "start.left_out"
	StartLevel        Key = "start.level"
	StartFirstTime    Key = "start.first_time"
	RoutineLevel      Key = "routine.level"
	FlagRatings       Key = "flag.ratings"
	FlagRate          Key = "flag.rate"
	StartRateForm     Key = "start.rate_form"
	StartRateNotIn    Key = "start.rate_not_in"

	HelpStart       Key = "help.start"
	HelpStartLong   Key = "help.start_long"
	FlagTimeScale   Key = "flag.time_scale"
	FlagVoice       Key = "flag.voice"
	FlagNoVoice     Key = "flag.no_voice"
	FlagPainBefore  Key = "flag.pain_before"
	FlagPainAfter   Key = "flag.pain_after"
	StartBadScale   Key = "start.bad_scale"
	StartNoESpeak   Key = "start.no_espeak"
	StartSaveFailed Key = "start.save_failed"
	CLIWarning      Key = "cli.warning"
)

var coachWords = []entry{
	{CoachSaveFailed, "Could not save: %v"},
	{CoachSaved, "Saved: %s, %s."},
	{CoachRepOf, "rep %d of %d"},
	{CoachSetOf, "set %d of %d"},
	{CoachPainBefore, "Before you start: how much does your upper back hurt right now? Type a number from 0 (no pain) to 10 (worst pain imaginable) and press Enter."},
	{CoachPainAfter, "You are done. How much does your upper back hurt now, from 0 (no pain) to 10 (worst pain imaginable)?"},
	{CoachPainKeys, "Enter to continue without a number · q to leave"},
	{CoachContinue, "Press Enter when you are ready."},
	{CoachRateTitle, "How did it feel? (%d of %d)"},
	{CoachRateKeys, "e too easy · r about right · h too hard · Enter skip · x skip the rest"},
	{CoachHeader, "exercise %d of %d · %s left"},
	{CoachHeaderFinish, "finishing"},
	{CoachExercise, "exercise"},
	{CoachSession, "session"},
	{CoachNext, "Next: %s"},
	{CoachLast, "Last one."},
	{CoachPaused, "Paused. Press space to carry on."},
	{CoachStopWhy, "Why are you stopping? %s · Esc to carry on"},
	{CoachKeys, "space pause · n skip · b back · s stop · q quit"},
	{CoachNotesKeys, "Enter to go on · q to leave"},
	{CoachNotesMore, "More below: Enter for the rest · ↑ ↓ to scroll · q to leave"},
	{StartLeftOut, "Left out because you set them aside: %s. Bring one back with 'unhunch exercises enable ID'."},
	{StartLevel, "%s: %s, %s from %s (%s)."},
	{StartFirstTime, "First time with %s. Take care: %s"},
	{RoutineLevel, "your level; was %s (%s)"},
	{FlagRatings, "rate every exercise done: easy, right or hard"},
	{FlagRate, "rate one exercise: ID=easy|right|hard (repeat)"},
	{StartRateForm, "--rate %q must be ID=easy, ID=right or ID=hard"},
	{StartRateNotIn, "%s is not in routine %s, so it cannot be rated; its exercises: %s"},
	{"why.dir.up", "up"},
	{"why.dir.down", "down"},
	{"why.easy-twice", "rated easy or right twice in a row"},
	{"why.hard", "rated too hard"},
	{"why.pain-rose", "your pain rose by 2 or more in a session"},

	{HelpStart, "Do a routine, guided, and keep it in your journal"},
	{HelpStartLong, "Do a routine (built-in, your own, or a saved plan) with a full-screen coach: a big countdown,\nspoken cues (espeak-ng) and keys: space pause, n skip, b back, s stop, q quit.\nWithout a terminal it prints one line per segment instead. Every exercise is saved as it ends."},
	{FlagTimeScale, "play time this many times faster (demos and tests)"},
	{FlagVoice, "speak cues with espeak-ng (the default when installed)"},
	{FlagNoVoice, "do not speak cues (a bell marks changes)"},
	{FlagPainBefore, "pain before, 0–10, instead of asking"},
	{FlagPainAfter, "pain after, 0–10, instead of asking"},
	{StartBadScale, "--time-scale %g must be more than 0 and at most 1000"},
	{StartNoESpeak, "espeak-ng is not installed, so cues are shown, not spoken (install it with: apt-get install espeak-ng)"},
	{StartSaveFailed, "%d writes to the journal failed, the first: %v; check the data directory or database"},
	{CLIWarning, "warning: %s"},

	{"coach.ended.completed", "Session complete and saved."},
	{"coach.ended.stopped", "Session ended early. What you did is saved."},
	{"coach.ended.interrupted", "Session interrupted. What you did is saved."},
	{"coach.ended.", "Session not started."},
	{"coach.advice.sharp-pain", "You stopped because of sharp pain. Rest now in whatever position eases it, and leave this exercise out until the pain has settled. If the pain is severe, spreads to your chest, arm or jaw, or comes with breathlessness or sweating, call an emergency number now (999, 112 or 911). If it lingers or keeps coming back, see a doctor or physiotherapist before you exercise again."},
	{"coach.advice.dizziness", "You stopped because you felt dizzy. Sit or lie down somewhere safe and breathe slowly until it passes, then get up slowly. If it does not pass, or comes with chest pain, a sudden severe headache, trouble speaking, or weakness, call an emergency number now (999, 112 or 911). If it happens again when you exercise, see a doctor before your next session."},
	{"outcome.done", "done"},
	{"outcome.skipped", "skipped"},
	{"outcome.stopped", "stopped"},
	{"stop.sharp-pain", "sharp pain"},
	{"stop.dizziness", "dizziness"},
	{"stop.discomfort", "discomfort"},
	{"stop.other", "something else"},
}

func init() { table(coachWords) }
