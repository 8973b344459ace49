package catalog

import (
	"fmt"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/unhunch/unhunch/message"
)

// controlRune returns the first character of s that must not be in catalog
// text, and whether there is one: control characters other than tab and
// newline (ESC starts terminal escape sequences such as colours and window
// titles, BEL rings, CR overwrites a line) and the bidirectional controls
// that make text show in another order than it reads (U+202E and kin).
// Catalog text is printed in terminals and spoken, so it must be plain.
func controlRune(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n':
		case unicode.IsControl(r), isBidiControl(r):
			return r, true
		}
	}
	return 0, false
}

// printable returns s with every character controlRune refuses written as
// an escape (\u001b), so that a file name or key from a bad file never
// reaches a terminal raw.
func printable(s string) string {
	if _, bad := controlRune(s); !bad {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if _, bad := controlRune(string(r)); bad {
			fmt.Fprintf(&b, "\\u%04x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isBidiControl reports whether r is a Unicode bidirectional formatting
// character (Unicode Standard Annex #9: marks, embeddings, overrides and
// isolates).
func isBidiControl(r rune) bool {
	return r == 0x061C || r == 0x200E || r == 0x200F || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// controlIssues reports every key and text value within the entry n that
// holds a control character, with its line and field.
func controlIssues(name, entry string, n *yaml.Node) []Issue {
	var issues []Issue
	report := func(at *yaml.Node, field string, r rune) {
		issues = append(issues, Issue{File: name, Line: at.Line, Entry: entry, Field: field,
			Message: message.Text(message.CatalogControlChars, fmt.Sprintf("U+%04X", r))})
	}
	var walk func(n *yaml.Node, at string)
	walk = func(n *yaml.Node, at string) {
		switch n.Kind {
		case yaml.ScalarNode:
			if r, bad := controlRune(n.Value); bad {
				report(n, at, r)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				path := k.Value
				if at != "" {
					path = at + "." + k.Value
				}
				if r, bad := controlRune(k.Value); bad {
					report(k, printable(path), r)
					continue
				}
				walk(v, path)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, fmt.Sprintf("%s[%d]", at, i))
			}
		}
	}
	walk(n, "")
	return issues
}
