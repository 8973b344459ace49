package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/message"
)

// width is the terminal width human output is laid out for.
const width = 80

// writeJSON prints v as JSON: indented for a person at a terminal, compact
// for a program reading a pipe or file (indenting a long timeline costs more
// than building it).
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	if isTerminal(w) {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return outputError(message.Text(message.CLIWhatOutput), err)
	}
	return nil
}

// isTerminal reports whether w is a terminal (not merely a character
// device: /dev/null is one too).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// wrap breaks text into lines of at most width-len(indent) runes, each
// prefixed by indent; first is the prefix of the first line instead.
func wrap(text, first, indent string) string {
	var b strings.Builder
	line := first
	lineLen := utf8.RuneCountInString(first)
	empty := true
	for _, word := range keepUnits(strings.Fields(text)) {
		n := utf8.RuneCountInString(word)
		if !empty && lineLen+1+n > width {
			b.WriteString(strings.TrimRight(line, " "))
			b.WriteByte('\n')
			line, lineLen, empty = indent, utf8.RuneCountInString(indent), true
		}
		if !empty {
			line += " "
			lineLen++
		}
		line += word
		lineLen += n
		empty = false
	}
	b.WriteString(strings.TrimRight(line, " "))
	return b.String()
}

// keepUnits joins a number and the unit after it ("36" "s.") into one word,
// so that wrapping never leaves a unit alone at the start of a line.
func keepUnits(words []string) []string {
	out := words[:0:0]
	for _, w := range words {
		if n := len(out); n > 0 && strings.TrimRight(w, ".,;:)") == "s" && strings.LastIndexFunc(out[n-1], unicode.IsDigit) == len(out[n-1])-1 {
			out[n-1] += " " + w
			continue
		}
		out = append(out, w)
	}
	return out
}

// pad right-pads s with spaces to n runes.
func pad(s string, n int) string {
	if k := n - utf8.RuneCountInString(s); k > 0 {
		return s + strings.Repeat(" ", k)
	}
	return s
}

// row prints left and right text on one line of the full width, with dots
// not needed: right is aligned to the last column.
func row(w io.Writer, left, right string) {
	gap := width - 2 - utf8.RuneCountInString(left) - utf8.RuneCountInString(right)
	if gap < 1 {
		gap = 1
	}
	fmt.Fprintf(w, "%s%s%s\n", left, strings.Repeat(" ", gap), right)
}

// clock renders a duration as m:ss.
func clock(d time.Duration) string {
	s := int(d / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// span renders a duration briefly: "5 s", "2.5 s", "1:30".
func span(d time.Duration) string {
	if d >= time.Minute {
		return clock(d)
	}
	if d%time.Second == 0 {
		return fmt.Sprintf("%d s", d/time.Second)
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// positionWords names a position the way a person would say it.
func positionWords(p catalog.Position) string {
	return message.PositionWords.Text(string(p))
}
