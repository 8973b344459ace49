package message

// Keys of safety: screening questions (looked up as screen.<id>) and advice.
func init() {
	add(map[Key]string{
		"screen.chest-pain":        "Do you have chest pain or pressure, breathlessness, sweating, or pain spreading into your arm or jaw?",
		"screen.tearing-pain":      "Did a sudden, severe or tearing pain start between your shoulder blades?",
		"screen.neuro-bilateral":   "Do you have new weakness, clumsiness or numbness in both arms or both legs, or new trouble walking?",
		"screen.neuro-central":     "Have you had new double vision, slurred speech, trouble swallowing, fainting or sudden falls?",
		"screen.headache-fever":    "Do you have a sudden severe headache, or a stiff neck together with a fever or a rash?",
		"screen.bladder-bowel":     "Have you lost control of your bladder or bowels, or do you have numbness around your genitals or bottom?",
		"screen.major-trauma":      "Did this pain begin after a major accident or a bad fall?",
		"screen.fever-weight":      "Do you have a fever, feel generally unwell, or have you lost weight without trying?",
		"screen.history":           "Have you ever had cancer, HIV or TB, do you inject drugs, or do you take medicines that lower your immunity?",
		"screen.night-pain":        "Is your pain constant, worse at night, and not eased by rest or by changing position?",
		"screen.bone-fragility":    "Do you have osteoporosis or take steroid tablets long term, and have you recently fallen or strained your back?",
		"screen.neuro-arm":         "Do you have numbness, tingling or weakness in an arm that is getting worse?",
		"screen.deformity":         "Have you noticed a lump, or a change in the shape of your back?",
		"screen.age-onset":         "Did this pain start for the first time before you were 20 or after you turned 50?",
		"screen.electric-shock":    "Do you get an electric-shock feeling down your spine or into your arms when you bend your neck?",
		"screen.recent-injury":     "Have you recently hurt your back or neck, for example in a fall, a knock or a strain?",
		"screen.inflammatory":      "Do you have inflammatory arthritis, or stiffness in the morning that lasts more than 30 minutes?",
		"gate.never-screened":      "Before your first session, please answer a few short safety questions: run 'unhunch screen'. It takes about a minute.",
		"gate.expired":             "Your safety answers are more than a week old. Please answer them again before you exercise: run 'unhunch screen'.",
		"gate.emergency":           "Your answers describe symptoms that need urgent medical help. Do not exercise. Call an emergency number now: 999 (UK), 112 (EU) or 911 (US and Canada).",
		"gate.clinician":           "Your answers mean a doctor or physiotherapist should check your back before you exercise with unhunch. Please see one within a day or two. Once they have cleared you, run 'unhunch screen --cleared-by-clinician'.",
		"gate.clearance-expired":   "Your clinician's clearance is more than 30 days old. If you are still cleared to exercise, confirm it with 'unhunch screen --cleared-by-clinician', or answer the questions again with 'unhunch screen'.",
		"gate.rescreen":            "Something changed since your last safety answers: %s. Please answer them again before you exercise: run 'unhunch screen'.",
		"gate.pain-too-high":       "Pain of 8 or more is a lot. It is better not to exercise today: rest, and move gently in ways that feel easy. If it does not ease in a day or two, or you feel unwell, see a doctor or physiotherapist. Before your next session, answer the safety questions again with 'unhunch screen'.",
		"gate.caution":             "You mentioned inflammatory arthritis or long morning stiffness. You can carry on, gently; ask your doctor or physiotherapist to review your exercises when you next see them.",
		"trigger.pain-rise":        "your pain rose by 2 points or more during a session",
		"trigger.stop-sharp-pain":  "you stopped a session because of sharp pain",
		"trigger.stop-dizziness":   "you stopped a session because of dizziness",
		"trigger.high-pain-before": "your pain was 8 or more before a session",
		"trend.worsening":          "Your pain has risen over recent weeks, from %.1f to %.1f on average. Please see a doctor or physiotherapist before you carry on: pain that is getting worse needs a proper look, not more exercise.",
		"trend.no-improvement":     "After %d weeks of regular practice your pain has barely changed (%.1f to %.1f on average). That is a good reason to see a doctor or physiotherapist, who can look for what else might help.",
	})
}
