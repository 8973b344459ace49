package journal_test

import (
	"strconv"
	"testing"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/journal"
)

// The parsers of what a person types: pain, stop reasons and ratings. They
// accept exactly their words and refuse anything else with EInvalid.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"0", "10", " 7 ", "11", "-1", "seven", "sharp-pain", "easy", "", "\x00", "9223372036854775808"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n, err := journal.ParsePain(s); err == nil {
			if n < journal.MinPain || n > journal.MaxPain {
				t.Fatalf("ParsePain(%q) = %d", s, n)
			}
			if err := journal.CheckPain(&n); err != nil {
				t.Fatalf("CheckPain(%d): %v", n, err)
			}
		} else if unhunch.ErrorCode(err) != unhunch.EInvalid {
			t.Fatalf("ParsePain(%q): %v", s, err)
		}
		if r, err := journal.ParseStopReason(s); err == nil && string(r) != s {
			t.Fatalf("ParseStopReason(%q) = %q", s, r)
		} else if err != nil && unhunch.ErrorCode(err) != unhunch.EInvalid {
			t.Fatalf("ParseStopReason(%q): %v", s, err)
		}
		if r, err := journal.ParseRating(s); err == nil && string(r) != s {
			t.Fatalf("ParseRating(%q) = %q", s, r)
		} else if err != nil && unhunch.ErrorCode(err) != unhunch.EInvalid {
			t.Fatalf("ParseRating(%q): %v", s, err)
		}
		if n, err := strconv.Atoi(s); err == nil && n >= 0 && n <= 10 {
			if _, err := journal.ParsePain(s); err != nil {
				t.Fatalf("ParsePain(%q) refused a pain: %v", s, err)
			}
		}
	})
}
