package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/internal/store"
)

// Issue 17's follow-up: the sign-in limiter's failures are kept in the
// journal's database, so that every server on one PostgreSQL counts the
// same attempts and a restart forgets none. Rows are counted by bucket
// within a window, taken back one by one, cleared by bucket and pruned;
// a second store on the same journal sees them, on both engines.
func TestSigninFailures(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		url, dir := e.fresh(t)
		st, other := openAt(t, url, dir), openAt(t, url, dir)
		at := func(min int) time.Time { return base.Add(time.Duration(min) * time.Minute) }
		var ids [][]string
		for i, s := range []*store.Store{st, other, st} {
			got, err := s.AddSigninFailures(ctx, []string{"name:pat", "addr:192.0.2.1"}, at(i))
			if err != nil || len(got) != 2 || got[0] == got[1] {
				t.Fatalf("add failures: %v, %v", got, err)
			}
			ids = append(ids, got)
		}
		times := func(s *store.Store, since time.Time) map[string][]time.Time {
			t.Helper()
			f, err := s.SigninFailures(ctx, []string{"name:pat", "addr:192.0.2.1", "name:sam"}, since)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string][]time.Time{}
			for b, list := range f {
				for _, x := range list {
					out[b] = append(out[b], x.At)
				}
			}
			return out
		}
		want := map[string][]time.Time{"name:pat": {at(0), at(1), at(2)}, "addr:192.0.2.1": {at(0), at(1), at(2)}}
		if diff := cmp.Diff(want, times(other, at(-1))); diff != "" {
			t.Errorf("the failures, seen by the other server (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(map[string][]time.Time{"name:pat": {at(2)}, "addr:192.0.2.1": {at(2)}}, times(st, at(1))); diff != "" {
			t.Errorf("only those after the window's start (-want +got):\n%s", diff)
		}
		if err := other.DropSigninFailures(ctx, ids[1]); err != nil {
			t.Fatal(err)
		}
		if err := st.ForgetSigninFailures(ctx, "name:pat"); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(map[string][]time.Time{"addr:192.0.2.1": {at(0), at(2)}}, times(st, at(-1))); diff != "" {
			t.Errorf("after taking one back and clearing pat (-want +got):\n%s", diff)
		}
		if n, err := other.PruneSigninFailures(ctx, at(1)); err != nil || n != 1 {
			t.Errorf("prune: %d, %v; want 1", n, err)
		}
		if diff := cmp.Diff(map[string][]time.Time{"addr:192.0.2.1": {at(2)}}, times(st, at(-1))); diff != "" {
			t.Errorf("after pruning (-want +got):\n%s", diff)
		}
	})
}
