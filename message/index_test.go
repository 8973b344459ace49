package message

import "testing"

// The hash index finds every key as scanning finds it (the first entry of
// a duplicated key, in table order), and misses unknown keys and keys that
// differ in one byte.
func TestIndexFindsAsScanning(t *testing.T) {
	ix := newHashIndex()
	scan := func(k Key) (string, bool) {
		var v string
		var ok bool
		each(func(key Key, text string) bool {
			if key == k {
				v, ok = text, true
				return false
			}
			return true
		})
		return v, ok
	}
	n := 0
	each(func(k Key, _ string) bool {
		n++
		wantV, wantOK := scan(k)
		if v, ok := ix.find(k); v != wantV || ok != wantOK {
			t.Errorf("find(%q) = %q, %v; scanning: %q, %v", k, v, ok, wantV, wantOK)
		}
		if _, ok := ix.find(k + "\x00"); ok {
			t.Errorf("find(%q) found a key that is not in the table", k+"\x00")
		}
		return true
	})
	if n == 0 {
		t.Fatal("no words")
	}
	for _, k := range []Key{"", "no.such.key", "help"} {
		if _, ok := ix.find(k); ok {
			t.Errorf("find(%q) found a key that is not in the table", k)
		}
	}
	// A duplicate in a later table: the first entry wins, as it does when scanning.
	saved := ntables
	defer func() { ntables = saved; tables[saved] = nil }()
	first := tables[0][0]
	table([]entry{{first.k, "a later copy"}, {"test.only.key", "only here"}})
	ix = newHashIndex()
	if v, _ := ix.find(first.k); v != first.v {
		t.Errorf("find(%q) = %q, want the first entry %q", first.k, v, first.v)
	}
	if v, ok := ix.find("test.only.key"); !ok || v != "only here" {
		t.Errorf("find(test.only.key) = %q, %v", v, ok)
	}
}
