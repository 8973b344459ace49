package web_test

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/coach"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/safety"
)

// symptoms maps the words a caution uses for a reason to stop to the stop
// reason the person records it with. A caution that tells the person to stop
// must name at least one of them, and each must be a reason every stop path
// offers: so a caution can never ask to stop for something the player
// cannot record (issue 11).
var symptoms = []struct {
	words  *regexp.Regexp
	reason string
}{
	{regexp.MustCompile(`(?i)sharp|pinch`), "sharp-pain"},
	{regexp.MustCompile(`(?i)pain (running|spreading)`), "sharp-pain"},
	{regexp.MustCompile(`(?i)dizz|light-headed|vision changes`), "dizziness"},
	{regexp.MustCompile(`(?i)tingl|numb`), "tingling-numbness"},
}

// stopping matches a caution that tells the person to stop or come out of
// the exercise, rather than to skip it beforehand.
var stopping = regexp.MustCompile(`(?i)\b(stop|roll off|come out|step out|lower down|come up slowly)\b`)

func TestEveryCautionCanBeRecorded(t *testing.T) {
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range c.Exercises() {
		for _, caution := range e.Cautions {
			if !stopping.MatchString(caution) {
				continue
			}
			var reasons []string
			for _, s := range symptoms {
				if s.words.MatchString(caution) {
					reasons = append(reasons, s.reason)
				}
			}
			if len(reasons) == 0 {
				t.Errorf("%s: %q asks to stop for something with no stop reason; add its words to symptoms, or a reason to journal.StopReasons", e.ID, caution)
			}
			for _, r := range reasons {
				seen[r] = true
				if _, err := journal.ParseStopReason(r); err != nil {
					t.Errorf("%s: %q names %s, which the player cannot record: %v", e.ID, caution, r, err)
				}
			}
		}
	}
	if !seen["tingling-numbness"] || !seen["sharp-pain"] || !seen["dizziness"] {
		t.Errorf("the cautions name %v; the symptom table no longer matches them", seen)
	}
}

// Every stop path offers every reason of journal.StopReasons, in order: the
// terminal coach's menu, the web player's page (and player.js holds none of
// its own), the OpenAPI document, the words for each, and the safety rules.
func TestEveryStopPathOffersEveryReason(t *testing.T) {
	var ids []string
	for _, r := range journal.StopReasons {
		ids = append(ids, string(r))
	}
	if !slices.Equal(ids, []string{"sharp-pain", "dizziness", "tingling-numbness", "discomfort", "other"}) {
		t.Fatalf("stop reasons %v: a person may stop for sharp pain, dizziness, tingling or numbness, discomfort, other", ids)
	}
	menu := coach.StopMenu()
	e := newEnv(t, true)
	play := e.do("GET", "/play/quick-daily-reset", "", nil).Body.String()
	var buttons []string
	for _, m := range regexp.MustCompile(`data-reason="([^"]+)" data-key="(\d)"`).FindAllStringSubmatch(play, -1) {
		buttons = append(buttons, m[1])
	}
	if !slices.Equal(buttons, ids) {
		t.Errorf("the web player offers %v, want %v", buttons, ids)
	}
	js, err := os.ReadFile("static/player.js")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas map[string]json.RawMessage
		}
	}
	api, _ := os.ReadFile("openapi.json")
	if err := json.Unmarshal(api, &doc); err != nil {
		t.Fatal(err)
	}
	for i, r := range journal.StopReasons {
		if !strings.Contains(menu, coach.StopKey(r)+" "+message.StopWords.Text(string(r))) || coach.StopKey(r) != itoa(i+1) {
			t.Errorf("the coach's menu lacks %s: %q", r, menu)
		}
		if strings.Contains(string(js), "'"+string(r)+"'") {
			t.Errorf("player.js names %s itself: it must take the reasons from the page", r)
		}
		if !strings.Contains(string(doc.Components.Schemas["Event"]), `"`+string(r)+`"`) {
			t.Errorf("openapi.json's Event lacks %s", r)
		}
		ends := r.EndsSession()
		if ends != safety.ExcludeAfterStop(r) || ends != (safety.TriggerOf(safety.SessionFacts{Stops: []journal.StopReason{r}}) != safety.NoTrigger) {
			t.Errorf("%s: ends the session %v, but the safety rules disagree", r, ends)
		}
		if ends != strings.Contains(play, `data-reason="`+string(r)+`" data-key="`+itoa(i+1)+`" aria-keyshortcuts="`+itoa(i+1)+`" data-ends`) {
			t.Errorf("%s: the web player does not know whether it ends the session", r)
		}
	}
}
