package person_test

import (
	"testing"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/safety"
)

// Screening answers as JSON (POST /api/v1/screenings, `screen --answers`):
// anything is either every question answered yes or no, or an EInvalid
// error; never a panic.
func FuzzParseAnswers(f *testing.F) {
	all := "{"
	for i, q := range safety.Questions {
		if i > 0 {
			all += ","
		}
		all += `"` + q.ID + `":false`
	}
	all += "}"
	for _, s := range []string{all, `{"chest-pain":true}`, `{"nope":1}`, `null`, `[]`, `{} {}`, `{"chest-pain":"yes"}`, ``} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		answers, err := person.ParseAnswers("answers", data)
		if err != nil {
			if unhunch.ErrorCode(err) != unhunch.EInvalid {
				t.Fatalf("%q: %v", data, err)
			}
			return
		}
		if len(answers) != len(safety.Questions) {
			t.Fatalf("%q: %d answers for %d questions", data, len(answers), len(safety.Questions))
		}
		safety.Evaluate(answers)
	})
}
