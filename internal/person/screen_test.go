package person_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/safety"
)

// Answers files: every problem listed, an emergency answer always enough.
// firstAsked is how many safety questions are asked before any answer
// brings in a follow-up.
var firstAsked = func() int {
	n := 0
	for _, q := range safety.Questions {
		if q.After == "" {
			n++
		}
	}
	return n
}()

func TestParseAnswers(t *testing.T) {
	all := map[string]any{}
	for _, q := range safety.Questions {
		if q.After == "" {
			all[q.ID] = false
		}
	}
	with := func(kv ...any) string {
		m := map[string]any{}
		for k, v := range all {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == "DELETE" {
				delete(m, kv[i].(string))
				continue
			}
			m[kv[i].(string)] = kv[i+1]
		}
		b, _ := json.Marshal(m)
		return string(b)
	}
	tests := []struct {
		name, file string
		ok         bool
		ignored    int
		says       []string
	}{
		{"every question", with(), true, 0, nil},
		{"the follow-up may be left out after a no", with(), true, 0, nil},
		{"the follow-up is needed after a yes", with("pregnant", true), false, 0, []string{`"pregnant-later" is missing`}},
		{"the follow-up after a yes", with("pregnant", true, "pregnant-later", true), true, 0, nil},
		{"a follow-up without its question", with("pregnant-later", true), false, 0, []string{`"pregnant-later" is true but "pregnant" is not`}},
		{"an old id", with("night-pain", false), false, 0, []string{`"night-pain" is a question from an older set`}},
		{"null", with("cancer", nil), false, 0, []string{`"cancer" must be true or false, not null`}},
		{"a string", with("cancer", "yes"), false, 0, []string{`"cancer" must be true or false, not "yes"`}},
		{"one missing", with("deformity", "DELETE"), false, 0, []string{`"deformity" is missing`}},
		{"an emergency alone", `{"headache-fever": true}`, true, 0, nil},
		{"an emergency with mistakes", `{"headache-fever": true, "x": 1, "cancer": "no"}`, true, 2, nil},
		{"an emergency answered as text is not one", `{"headache-fever": "yes"}`, false, 0, []string{`"headache-fever" must be true or false, not "yes". If your answer is yes, do not exercise: call an emergency number now (999, 112 or 911)`, fmt.Sprintf("%d questions have no answer", firstAsked-1)}},
		{"not an object", `[true]`, false, 0, []string{"is not a JSON object"}},
		{"two objects", `{} {}`, false, 0, []string{"more than one JSON value"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answers, ignored, err := person.ParseAnswers("f.json", []byte(tt.file))
			if (err == nil) != tt.ok || len(ignored) != tt.ignored {
				t.Fatalf("answers %v, ignored %v, err %v", answers, ignored, err)
			}
			if err != nil && unhunch.ErrorCode(err) != unhunch.EInvalid {
				t.Errorf("code %s", unhunch.ErrorCode(err))
			}
			for _, w := range tt.says {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("%v lacks %q", err, w)
				}
			}
		})
	}
}

func FuzzParseAnswers(f *testing.F) {
	f.Add([]byte(`{"chest-pain-now": true}`))
	f.Add([]byte(`{"pregnant": true, "pregnant-later": null}`))
	f.Add([]byte(`{"x": {"y": [1]}}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		answers, _, err := person.ParseAnswers("f.json", data)
		if err != nil {
			if unhunch.ErrorCode(err) != unhunch.EInvalid || err.Error() == "" {
				t.Fatalf("error %v", err)
			}
			return
		}
		for id := range answers {
			if _, ok := safety.QuestionByID(id); !ok {
				t.Fatalf("took an answer to %q", id)
			}
		}
		if _, emergency := safety.FirstEmergency(answers); !emergency {
			if q, more := safety.Next(answers); more {
				t.Fatalf("accepted answers that leave %s unanswered", q.ID)
			}
		}
	})
}
