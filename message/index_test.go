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

// Every key of the table is found within a few probes of where its hash
// points, so that keyHash, which reads only three words of a key, spreads
// the table's keys as a full hash would (an open-addressed table twice as
// long as the keys averages about 1.5 probes a hit).
func TestIndexProbesAreShort(t *testing.T) {
	ix := newHashIndex()
	n, total, longest := 0, 0, 0
	each(func(k Key, _ string) bool {
		probes := 1
		for h := ix.slot(k); ix.entry(ix.slots[h]).k != k; h = (h + 1) & ix.mask {
			probes++
		}
		n++
		total += probes
		longest = max(longest, probes)
		return true
	})
	t.Logf("%d keys in %d slots: %.2f probes on average, %d at most", n, len(ix.slots), float64(total)/float64(n), longest)
	if avg := float64(total) / float64(n); avg > 2 || longest > 16 {
		t.Errorf("%.2f probes on average, %d at most; want at most 2 and 16", avg, longest)
	}
}

// keyHash tells apart keys that differ in any one byte of their first,
// middle or last eight, or in their length.
func TestKeyHashDiffers(t *testing.T) {
	for _, k := range []string{"", "a", "help", "seven b", "eight by", "cli.routines.show.short", "a.key.longer.than.twenty.four.bytes"} {
		h := keyHash(k)
		if keyHash(k+"x") == h {
			t.Errorf("keyHash(%q) = keyHash(%q)", k, k+"x")
		}
		for _, i := range []int{0, len(k) / 2, len(k) - 1} {
			if i < 0 || i >= len(k) {
				continue
			}
			b := []byte(k)
			b[i] ^= 1
			if keyHash(string(b)) == h {
				t.Errorf("keyHash(%q) = keyHash(%q)", k, b)
			}
		}
	}
}
