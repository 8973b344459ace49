package person

import (
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/progress"
)

// DoseNow says the person's own dose of exercise e at their level lv, for
// every place a dose is shown (issue 14): "" while it is the starting dose
// (nothing to add to it), the easier option when they are on it, else the
// amount they are at now.
func DoseNow(e *catalog.Exercise, lv *progress.Level) string {
	if lv == nil {
		return ""
	}
	if w := EasierWords(e, lv); w != "" {
		return w
	}
	if lv.Amount == e.Dose.Start() {
		return ""
	}
	return e.Dose.Describe(lv.Amount)
}
