package message

// Keys of the figures in the web app.
const (
	WebNoFigure  Key = "web.no_figure"
	WebNoFrame   Key = "web.no_frame"
	WebFigureAlt Key = "web.figure_alt"
)

func init() {
	add(map[Key]string{
		WebNoFigure:  "%s has no figure yet",
		WebNoFrame:   "%s has no still called %q; its stills are %v",
		WebFigureAlt: "A figure doing %s",

		// The guidance page in the browser says how to act there.
		"web.about.safety.not-yet.body": "Do not start without a doctor or physiotherapist if you have had a recent injury to your back or neck; if your pain is severe or has no clear reason; if you have numbness, tingling or weakness; or if you have a fever, have lost weight without trying, or have had cancer.\n\n" +
			"unhunch asks a few short safety questions before your first session and every week after (Safety check, in the menu). Some answers mean you should get urgent help; some mean a clinician should check you first. Answer them honestly: they are there to keep you safe.\n\n" +
			"Call an emergency number (999, 112 or 911) straight away for chest pain or pressure, pain spreading to your arm or jaw, breathlessness, a sudden tearing pain between the shoulder blades, new weakness or numbness in both arms or legs, or loss of bladder or bowel control.",
		"web.about.safety.during.body": "Move slowly and smoothly. Breathe normally; never hold your breath to push further.\n\n" +
			"The moment a movement hurts sharply, makes your head spin or simply feels wrong, stop: press Stop (or Esc) and choose the reason. unhunch records it, and after sharp pain or dizziness it ends the session and tells you what to do.",
	})
}
