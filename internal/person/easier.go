package person

import (
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/progress"
)

// EasierWords says what the easier option of exercise e is, when the
// person's level lv is on it (after a "too hard" rating at the starting
// dose; docs/safety.md, "Progression"), or "" otherwise: "seated instead of
// on hands and knees", "with a rolled towel in place of the foam roller",
// or the easier amount against the starting dose.
func EasierWords(e *catalog.Exercise, lv *progress.Level) string {
	if lv == nil || !lv.Easier {
		return ""
	}
	if v := e.Dose.Variant; v != nil {
		switch {
		case v.Position != "" && len(e.Positions) > 0:
			return message.Text(message.EasierPosition, message.PositionWords.Text(v.Position), message.PositionWords.Text(string(e.Positions[0])))
		case v.Use != "":
			return message.Text(message.EasierUse, message.EquipmentWords.Text(v.Use), message.EquipmentWords.Text(usual(e, catalog.Equipment(v.Use))))
		}
	}
	return message.Text(message.EasierAmount, e.Dose.Describe(lv.Amount), e.Dose.Describe(e.Dose.Start()))
}

// usual returns the equipment that q stands in for in e.
func usual(e *catalog.Exercise, q catalog.Equipment) string {
	for _, need := range e.Equipment {
		for _, s := range e.Substitutes[need] {
			if s == q {
				return string(need)
			}
		}
	}
	return string(q)
}

// easierPosition returns the position the easier option of e asks for, or
// "" when it keeps the usual one.
func easierPosition(e *catalog.Exercise, lv *progress.Level) catalog.Position {
	if lv == nil || !lv.Easier || e.Dose.Variant == nil {
		return ""
	}
	return catalog.Position(e.Dose.Variant.Position)
}
