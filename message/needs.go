package message

// Keys of what routines and exercises need, for the command line and the
// web app alike.
const (
	WordOrAlso Key = "word.or_also"
)

func init() {
	add(map[Key]string{
		WordOrAlso: "%s (or %s)",
	})
}

func init() {
	add(map[Key]string{
		TypeWords.Of("mobility"):   "mobility",
		TypeWords.Of("stretch"):    "stretch",
		TypeWords.Of("activation"): "activation",
		TypeWords.Of("strengthen"): "strengthening",
		TypeWords.Of("posture"):    "posture",
		LevelWords.Of("easy"):      "easy",
		LevelWords.Of("moderate"):  "moderate",
		LevelWords.Of("harder"):    "harder",
		FocusWords.Of("balanced"):  "a balanced mix",
		FocusWords.Of("mobility"):  "mobility and stretching",
		FocusWords.Of("strength"):  "strength",
		FocusWords.Of("posture"):   "posture",
	})
}
