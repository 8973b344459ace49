package web_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The player page carries what player.js reads of the routine, and no more
// (issue 16: the fit, notes and sources are on the page as text already):
// every field the script reads is there, and nothing else.
func TestPlayerPageCarriesWhatThePlayerReads(t *testing.T) {
	js, err := os.ReadFile(filepath.Join("static", "player.js"))
	if err != nil {
		t.Fatal(err)
	}
	var reads []string
	for _, m := range regexp.MustCompile(`\bdoc\.([a-z_]+)`).FindAllStringSubmatch(string(js), -1) {
		if !slices.Contains(reads, m[1]) {
			reads = append(reads, m[1])
		}
	}
	slices.Sort(reads)
	e := newEnv(t, true)
	for _, path := range []string{"/play/quick-daily-reset", "/play/plan?minutes=10"} {
		page := e.get(path)
		const open = `<script type="application/json" id="routine-data">`
		i := strings.Index(page, open)
		if i < 0 {
			t.Fatalf("%s: no routine data", path)
		}
		raw := page[i+len(open):]
		raw = raw[:strings.Index(raw, "</script>")]
		var doc map[string]json.RawMessage
		if err := json.Unmarshal([]byte(raw), &doc); err != nil {
			t.Fatalf("%s: routine data: %v", path, err)
		}
		var keys []string
		for k := range doc {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if diff := cmp.Diff(reads, keys); diff != "" {
			t.Errorf("%s: the routine data's fields against what player.js reads (-read +carried):\n%s", path, diff)
		}
		var segs []struct {
			Cue string `json:"cue"`
		}
		if err := json.Unmarshal(doc["timeline"], &segs); err != nil || len(segs) == 0 || segs[0].Cue == "" {
			t.Errorf("%s: no timeline with cues (%v): %.200s", path, err, doc["timeline"])
		}
	}
}
