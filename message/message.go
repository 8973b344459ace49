// Package message is the one table of words unhunch shows to people outside the
// catalog's own content: command help, labels, and error messages. Keeping them
// here lets translations be added without touching any logic.
package message

import "fmt"

// Key names one message in the table.
type Key string

// english is the table, filled by each file of this package from its own map
// (so features can add words without touching one shared literal).
var english = map[Key]string{}

// add puts a file's entries into the table; a key defined twice is a bug.
func add(m map[Key]string) {
	for k, v := range m {
		if _, dup := english[k]; dup {
			panic("message: key defined twice: " + string(k))
		}
		english[k] = v
	}
}

// Text returns the message for k in English, formatted with args as fmt.Sprintf does.
// An unknown key returns the key itself in brackets, so a missing entry is visible
// but never fatal.
func Text(k Key, args ...any) string {
	f, ok := english[k]
	if !ok {
		return "[" + string(k) + "]"
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// Has reports whether the table has an entry for k.
func Has(k Key) bool {
	_, ok := english[k]
	return ok
}

// Count returns the message for n things: one when n is 1, otherwise many
// formatted with n.
func Count(n int, one, many Key) string {
	if n == 1 {
		return Text(one)
	}
	return Text(many, n)
}
