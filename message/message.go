// Package message is the one table of words unhunch shows to people outside the
// catalog's own content: command help, labels, and error messages. Keeping them
// here lets translations be added without touching any logic.
package message

import (
	"fmt"
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
// are found through an index of places in those tables, built at the first
// lookup with a hash of a key's length and three of its words (keyHash):
// building it costs about 90 instructions a key, what some thirty scans of
// the tables would, and `routines show` makes 38 lookups (it was built at
// the seventeenth, after sixteen scans, and with maphash: 0.35 M
// instructions where it is now 0.18 M).

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

	index atomic.Pointer[hashIndex]
	build sync.Once
)

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
	ix := index.Load()
	if ix == nil {
		build.Do(func() { index.Store(newHashIndex()) })
		ix = index.Load()
	}
	return ix.find(k)
}

// hashIndex finds a key of the static tables by its hash: an open-addressed
// table of places in tables, at least twice as long as there are entries.
// It costs one keyHash an entry to build, against a map's insert (the map
// it replaced took half of `routines show`'s time in this package, and
// maphash a third of the index's build, issue 16).
type hashIndex struct {
	slots []uint32 // 0 empty, else table<<16 | entry, plus one
	shift uint     // 64 minus the bits of a slot number
	mask  uint64
}

func newHashIndex() *hashIndex {
	n := 0
	for _, t := range tables[:ntables] {
		n += len(t)
	}
	bits := uint(1)
	for 1<<bits < 2*n {
		bits++
	}
	ix := &hashIndex{slots: make([]uint32, 1<<bits), shift: 64 - bits, mask: 1<<bits - 1}
	for ti, t := range tables[:ntables] {
		for ei := range t {
			k := t[ei].k
			for h := ix.slot(k); ; h = (h + 1) & ix.mask {
				s := ix.slots[h]
				if s == 0 {
					ix.slots[h] = uint32(ti)<<16 | uint32(ei) + 1
					break
				}
				if ix.entry(s).k == k {
					break // the first, as scanning finds it
				}
			}
		}
	}
	return ix
}

// slot is where the search for k starts: the top bits of its hash.
func (ix *hashIndex) slot(k Key) uint64 { return keyHash(string(k)) >> ix.shift }

// keyHash mixes a key's length with its first, middle and last eight bytes
// (the whole of keys up to 24 bytes; the table's are 17 on average, and
// longer ones that share all three words only probe further). It is not
// seeded: the keys are ours, not a caller's.
func keyHash(k string) uint64 {
	const m1, m2, m3 = 0x9e3779b97f4a7c15, 0xc2b2ae3d27d4eb4f, 0x165667b19e3779f9
	n := len(k)
	var a, b, c uint64
	if n >= 8 {
		a, b, c = word(k), word(k[n/2-4:]), word(k[n-8:])
	} else {
		for i := range n {
			a |= uint64(k[i]) << (8 * i)
		}
	}
	h := (a*m1 ^ b*m2 ^ c*m3 ^ uint64(n)) * m1
	return h ^ h>>31
}

// word is the first eight bytes of s, little-endian (one load).
func word(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func (ix *hashIndex) entry(s uint32) *entry {
	s--
	return &tables[s>>16][s&0xffff]
}

// find returns the words of k: from the static tables, then from the maps
// of the older form, as scanning would.
func (ix *hashIndex) find(k Key) (string, bool) {
	for h := ix.slot(k); ix.slots[h] != 0; h = (h + 1) & ix.mask {
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
