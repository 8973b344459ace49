// Package message is the one table of words unhunch shows to people outside the
// catalog's own content: command help, labels, and error messages. Keeping them
// here lets translations be added without touching any logic.
package message

import (
	"fmt"
	"hash/maphash"
	"sync"
	"sync/atomic"
)

// Key names one message in the table.
type Key string

// The table is static data: each file of this package declares its words
// as a []entry literal, which the linker lays out in the binary, and its
// init function only notes where it is (table), so that starting unhunch
// builds nothing and allocates nothing for the words (issue 16; the maps
// this table was made of cost 59 KB of allocations at every start). Words
// are found by scanning the tables until enough lookups are made to be
// worth an index (indexAfter), which is then built once: a command that
// prints a few messages never builds it, a server builds it at once.

// entry is one message: its key and its English text.
type entry struct {
	k Key
	v string
}

// maxTables is how many tables the files of this package may declare.
const maxTables = 128

var (
	tables  [maxTables][]entry // the files' tables, in the order their init functions ran
	ntables int

	// maps are tables in the older form (add): each costs its map at
	// start-up; TestWordsAreStatic asks for the static form instead.
	maps []map[Key]string

	lookups atomic.Int64
	index   atomic.Pointer[hashIndex]
	build   sync.Once
)

// indexAfter is how many lookups are made by scanning before the index is
// built: a scan costs about as much as building the index for a tenth of
// the table, and `routines show` makes a few hundred lookups.
const indexAfter = 16

// table registers a file's words: static data, noted by one slice header.
func table(t []entry) {
	tables[ntables] = t
	ntables++
}

// add registers a file's words in the older form, a map built at start-up.
// Declare a []entry and call table instead (TestWordsAreStatic).
func add(m map[Key]string) { maps = append(maps, m) }

// each calls f with every entry of the table until it returns false.
func each(f func(k Key, v string) bool) {
	for _, t := range tables[:ntables] {
		for _, e := range t {
			if !f(e.k, e.v) {
				return
			}
		}
	}
	for _, m := range maps {
		for k, v := range m {
			if !f(k, v) {
				return
			}
		}
	}
}

// lookup returns the English words of k.
func lookup(k Key) (string, bool) {
	if ix := index.Load(); ix != nil {
		return ix.find(k)
	}
	if lookups.Add(1) > indexAfter {
		build.Do(func() { index.Store(newHashIndex()) })
		return lookup(k)
	}
	// The same order as each, written out: a scan through a callback cost
	// two and a half times as much an entry (issue 16, start-up).
	for _, t := range tables[:ntables] {
		for i := range t {
			if t[i].k == k {
				return t[i].v, true
			}
		}
	}
	for _, m := range maps {
		if v, ok := m[k]; ok {
			return v, true
		}
	}
	return "", false
}

// hashIndex finds a key of the static tables by its hash: an open-addressed
// table of places in tables, twice as long as there are entries. It costs
// one hash an entry to build, against a map's insert (the map it replaced
// took half of `routines show`'s time in this package, issue 16).
type hashIndex struct {
	seed  maphash.Seed
	slots []uint32 // 0 empty, else table<<16 | entry, plus one
	mask  uint64
}

func newHashIndex() *hashIndex {
	n := 0
	for _, t := range tables[:ntables] {
		n += len(t)
	}
	size := 1
	for size < 2*n {
		size <<= 1
	}
	ix := &hashIndex{seed: maphash.MakeSeed(), slots: make([]uint32, size), mask: uint64(size - 1)}
	for ti, t := range tables[:ntables] {
		for ei, e := range t {
			for h := ix.hash(e.k); ; h = (h + 1) & ix.mask {
				s := ix.slots[h]
				if s == 0 {
					ix.slots[h] = uint32(ti)<<16 | uint32(ei) + 1
					break
				}
				if ix.entry(s).k == e.k {
					break // the first, as scanning finds it
				}
			}
		}
	}
	return ix
}

func (ix *hashIndex) hash(k Key) uint64 { return maphash.String(ix.seed, string(k)) & ix.mask }

func (ix *hashIndex) entry(s uint32) entry {
	s--
	return tables[s>>16][s&0xffff]
}

// find returns the words of k: from the static tables, then from the maps
// of the older form, as scanning would.
func (ix *hashIndex) find(k Key) (string, bool) {
	for h := ix.hash(k); ix.slots[h] != 0; h = (h + 1) & ix.mask {
		if e := ix.entry(ix.slots[h]); e.k == k {
			return e.v, true
		}
	}
	for _, m := range maps {
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
	each(func(k Key, _ string) bool {
		if seen[k] {
			dups = append(dups, k)
		}
		seen[k] = true
		return true
	})
	return dups
}

// Static reports whether every file's words are static data (table), none
// a map made at start-up (add).
func Static() bool { return len(maps) == 0 }

// Text returns the message for k in English, formatted with args as fmt.Sprintf does.
// An unknown key returns the key itself in brackets, so a missing entry is visible
// but never fatal.
func Text(k Key, args ...any) string {
	f, ok := lookup(k)
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
	_, ok := lookup(k)
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
