package message

// Keys of the main job in one command (issue 14, item 12): a bare
// `unhunch` offering the routines, the safety questions asked where a
// session starts, and the coach's words after a session that did not run
// its course.
const (
	FirstOffer            Key = "first.offer"
	FirstRoutine          Key = "first.routine"
	FirstPrompt           Key = "first.prompt"
	FirstBadChoice        Key = "first.bad_choice"
	FirstMore             Key = "first.more"
	StartScreenNow        Key = "start.screen_now"
	CoachPainAfterStopped Key = "coach.pain_after_stopped"
	WebStartLeftOut       Key = "web.start.left_out"
	WebCondLeftOut        Key = "web.cond.left_out"
)

var onecommandWords = []entry{
	{FirstOffer, "Pick one and the coach guides you through it, step by step. The first needs nothing at hand; the others say what they need."},
	{FirstRoutine, "%d. %s · %s · needs %s"},
	{FirstPrompt, "Which one? Type its number and press Enter (Enter alone for 1, q to leave): "},
	{FirstBadChoice, "Type a number from 1 to %d, or q to leave."},
	{FirstMore, "Everything else: unhunch --help. The same in a browser: unhunch serve."},
	{StartScreenNow, "Before this session, the safety questions: a few yes or no answers, kept on this computer. The session starts right after."},
	{WebStartLeftOut, "Left out because you set them aside: %s. You can bring one back in Settings."},
	{WebCondLeftOut, "Left out because of %s: %s. If a clinician says one is right for you, you can record that in Settings.%.0s"},
	{CoachPainAfterStopped, "How much does your upper back hurt now, from 0 (no pain) to 10 (worst pain imaginable)?"},
}

func init() { table(onecommandWords) }
