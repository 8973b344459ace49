package store_test

import (
	"testing"
)

// A journal made by Open says so, once: a mistyped --data-dir must not pass
// for a journal that lost everything.
func TestCreatedOnlyWhenNew(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		url, dir := e.fresh(t)
		first := openAt(t, url, dir)
		if !first.Created() {
			t.Error("a new journal does not say it was created")
		}
		first.Close()
		if again := openAt(t, url, dir); again.Created() {
			t.Error("an existing journal says it was created")
		}
	})
}
