// Package message is the one table of words unhunch shows to people outside the
// catalog's own content: command help, labels, and error messages. Keeping them
// here lets translations be added without touching any logic.
package message

import "fmt"

// Key names one message in the table.
type Key string

// english is the table: each file of this package adds its own map (so
// features can add words without touching one shared literal). Lookups try
// each in turn; they are not merged, because copying hundreds of entries at
// every start-up showed in the command line's start-up time. A test checks
// that no key is defined twice.
var english tables

type tables []map[Key]string

// add registers a file's entries.
func add(m map[Key]string) { english = append(english, m) }

func (t tables) lookup(k Key) (string, bool) {
	for _, m := range t {
		if v, ok := m[k]; ok {
			return v, true
		}
	}
	return "", false
}

// Duplicates returns every key defined in more than one file of the table.
func Duplicates() []Key {
	seen := map[Key]bool{}
	var dups []Key
	for _, m := range english {
		for k := range m {
			if seen[k] {
				dups = append(dups, k)
			}
			seen[k] = true
		}
	}
	return dups
}

// Text returns the message for k in English, formatted with args as fmt.Sprintf does.
// An unknown key returns the key itself in brackets, so a missing entry is visible
// but never fatal.
func Text(k Key, args ...any) string {
	f, ok := english.lookup(k)
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
	_, ok := english.lookup(k)
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

// Keys looked up across files.
const (
	PersonAllSetAside Key = "person.all_set_aside"
	FlagLevelStart    Key = "flag.level_start"

	HelpScreen           Key = "help.screen"
	HelpScreenLong       Key = "help.screen_long"
	FlagQuestions        Key = "flag.questions"
	FlagAnswers          Key = "flag.answers"
	FlagCleared          Key = "flag.cleared"
	ScreenNoTerminal     Key = "screen.no_terminal"
	ScreenIntro          Key = "screen.intro"
	ScreenPrompt         Key = "screen.prompt"
	ScreenYesNo          Key = "screen.yes_no"
	ScreenAbandoned      Key = "screen.abandoned"
	ScreenClear          Key = "screen.clear"
	ScreenGoAhead        Key = "screen.go_ahead"
	ScreenNotObject      Key = "screen.not_object"
	ScreenUnknownID      Key = "screen.unknown_id"
	ScreenNotBool        Key = "screen.not_bool"
	ScreenMissingID      Key = "screen.missing_id"
	ScreenBadAnswers     Key = "screen.bad_answers"
	ScreenClearNothing   Key = "screen.clear_nothing"
	ScreenClearEmergency Key = "screen.clear_emergency"
	ScreenClearNotNeeded Key = "screen.clear_not_needed"
	ScreenCleared        Key = "screen.cleared"

	HelpAvoid    Key = "help.avoid"
	HelpEnable   Key = "help.enable"
	HelpAside    Key = "help.aside"
	AsideAvoided Key = "aside.avoided"
	AsideEnabled Key = "aside.enabled"
	AsideWasNot  Key = "aside.was_not"
	AsideNone    Key = "aside.none"
	AsideOnList  Key = "aside.on_list"
	AsideStopped Key = "aside.stopped"
	AsideHint    Key = "aside.hint"
)
