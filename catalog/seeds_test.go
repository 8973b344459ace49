package catalog_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/message"
)

// Every text a person reads is written in our own words: we never copy the
// seed articles' sentences. These tests compare every built-in catalog string
// and every message-table string with the seed articles and fail on any run
// of shingleLen words that both share, after normalising case and
// punctuation.
//
// The seeds are not read at test time: testdata/seed-shingles.txt holds a
// hash of each of their shingles (never their text), made from the folder
// of the seed articles with
//
//	go test ./catalog -run TestSeedShingles -seeds DIR
//
// It is used only for this check.

const shingleLen = 8

var seedsDir = flag.String("seeds", "", "regenerate testdata/seed-shingles.txt from the seed articles in this directory")

const shingleFile = "testdata/seed-shingles.txt"

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z]`)

// words splits text into normalised words: lower case, letters and digits
// only, apostrophes dropped ("don’t" and "dont" are one word), every other
// character a break. A printf verb becomes a word no seed has, since the
// words it stands for are ours.
func words(s string) []string {
	s = verb.ReplaceAllString(s, " \x00 ")
	var out []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			out = append(out, w.String())
			w.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == '\'' || r == '’' || r == '‘':
		case r == 0:
			flush()
			out = append(out, "\x00")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			w.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return out
}

// shingleHash is the stored form of one run of words.
func shingleHash(ws []string) string {
	sum := sha256.Sum256([]byte(strings.Join(ws, " ")))
	return hex.EncodeToString(sum[:8])
}

// shingles returns the hash of every run of shingleLen words of ws.
func shingles(ws []string) []string {
	var out []string
	for i := 0; i+shingleLen <= len(ws); i++ {
		out = append(out, shingleHash(ws[i:i+shingleLen]))
	}
	return out
}

// seedShingles reads the stored hashes, or regenerates them with -seeds.
func seedShingles(t *testing.T) map[string]bool {
	t.Helper()
	if *seedsDir != "" {
		files, err := filepath.Glob(filepath.Join(*seedsDir, "*.txt"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no seed articles in %s", *seedsDir)
		}
		set := map[string]bool{}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range shingles(words(string(b))) {
				set[h] = true
			}
		}
		list := make([]string, 0, len(set))
		for h := range set {
			list = append(list, h)
		}
		sort.Strings(list)
		var b strings.Builder
		b.WriteString("# Hashes of every 8-word run of the seed articles (catalog/seeds_test.go),\n")
		b.WriteString("# used only by the test that no catalog or message text copies them.\n")
		for _, h := range list {
			b.WriteString(h + "\n")
		}
		if err := os.WriteFile(shingleFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(shingleFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	set := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			set[line] = true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(set) < 1000 {
		t.Fatalf("%s has only %d shingles; regenerate it with -seeds", shingleFile, len(set))
	}
	return set
}

// copied returns the first run of shingleLen words of s that a seed has too.
func copied(s string, seed map[string]bool) (string, bool) {
	ws := words(s)
	for i := 0; i+shingleLen <= len(ws); i++ {
		if seed[shingleHash(ws[i:i+shingleLen])] {
			return strings.Join(ws[i:i+shingleLen], " "), true
		}
	}
	return "", false
}

// texts collects every string of v (a catalog record) with its path, leaving
// out citations of the seeds (Source: their titles are quoted on purpose).
func texts(path string, v reflect.Value, add func(path, s string)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			texts(path, v.Elem(), add)
		}
	case reflect.String:
		add(path, v.String())
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			texts(fmt.Sprintf("%s[%d]", path, i), v.Index(i), add)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			texts(fmt.Sprintf("%s[%v]", path, k), v.MapIndex(k), add)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Type == reflect.TypeOf([]catalog.Source(nil)) {
				continue
			}
			texts(path+"."+f.Name, v.Field(i), add)
		}
	}
}

// expand gives the texts a person hears for s: each {side} and {other} filled in.
func expand(s string) []string {
	if !strings.Contains(s, "{side}") && !strings.Contains(s, "{other}") {
		return []string{s}
	}
	return []string{
		strings.NewReplacer("{side}", "right", "{other}", "left").Replace(s),
		strings.NewReplacer("{side}", "left", "{other}", "right").Replace(s),
	}
}

func TestNoSeedSentences(t *testing.T) {
	seed := seedShingles(t)
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	check := func(where, s string) {
		for _, x := range expand(s) {
			n++
			if run, ok := copied(x, seed); ok {
				t.Errorf("%s repeats a seed article word for word (%q): %q", where, run, s)
			}
		}
	}
	for _, e := range c.Exercises() {
		texts("exercise "+e.ID, reflect.ValueOf(e), check)
	}
	for _, r := range c.Routines() {
		texts("routine "+r.ID, reflect.ValueOf(r), check)
	}
	all := message.All()
	keys := make([]string, 0, len(all))
	for k := range all {
		keys = append(keys, string(k))
	}
	slices.Sort(keys)
	for _, k := range keys {
		check("message "+k, all[message.Key(k)])
	}
	if n < 1000 {
		t.Errorf("checked only %d strings; the walk over the catalog or the message table missed some", n)
	}
}

// The check finds what it should: a sentence of a seed, with its case and
// punctuation changed, and not a sentence that shares fewer words.
func TestSeedCheckCanFail(t *testing.T) {
	seed := seedShingles(t)
	tests := []struct {
		s    string
		want bool
	}{
		{"STOP immediately if you feel sharp pain — dizziness, or discomfort!", true},
		{"Gently pull your chin straight back, as if creating a 'double chin'.", true},
		{"Don’t push aggressively: a mild, sustained stretch is enough.", true},
		{"Stop if you feel sharp pain, dizziness or tingling.", false},
		{"Hold it for %d seconds, then release.", false},
	}
	for _, tt := range tests {
		if _, got := copied(tt.s, seed); got != tt.want {
			t.Errorf("copied(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
	if got, want := words("Don’t %s mid-back 3–5 S"), []string{"dont", "\x00", "mid", "back", "3", "5", "s"}; !slices.Equal(got, want) {
		t.Errorf("words = %q, want %q", got, want)
	}
}

var (
	action = regexp.MustCompile(`\{\{.*?\}\}`)
	tag    = regexp.MustCompile(`<[^>]*>`)
)

// The web pages' own words, in their templates, are ours too. Template
// actions stand for words filled in later, so they break a run; tags do not.
func TestNoSeedSentencesInTemplates(t *testing.T) {
	seed := seedShingles(t)
	files, err := filepath.Glob("../internal/web/templates/*.html")
	if err != nil || len(files) < 10 {
		t.Fatalf("found %d templates: %v", len(files), err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := tag.ReplaceAllString(action.ReplaceAllString(string(b), " %v "), " ")
		if run, ok := copied(s, seed); ok {
			t.Errorf("%s repeats a seed article word for word: %q", filepath.Base(f), run)
		}
	}
}
