package person

import (
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
)

// DoseWords are the three ways a dose line reads where it is shown (the
// CLI's list, the web's library): on the easier way, the person's own dose
// beside the starting dose, or the starting dose alone.
type DoseWords struct {
	Easier, Yours, Start message.Key
}

// DoseLine says exercise e's dose for the person at level lv in words w:
// theirs with the starting dose beside it, or the starting dose while they
// are on it (lv nil before any practice).
func DoseLine(e *catalog.Exercise, lv *progress.Level, w DoseWords) string {
	start := e.Dose.Describe(e.Dose.Start())
	switch now := DoseNow(e, lv); {
	case lv != nil && lv.Easier:
		return message.Text(w.Easier, now) // it says the usual dose itself
	case now != "":
		return message.Text(w.Yours, now, start)
	}
	return message.Text(w.Start, start)
}
