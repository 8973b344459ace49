package planner_test

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/planner"
)

// summary is what a plan says and does, comparable with cmp.
type summary struct {
	Items     []catalog.Item
	Objective planner.Objective
	Summary   []string
	Excluded  []string
	Rounds    int
	Proven    bool
	Nodes     int
	Err       string
}

func summarise(res planner.Result, err error) summary {
	if err != nil {
		return summary{Err: err.Error()}
	}
	s := summary{Items: res.Items(), Objective: res.Objective, Summary: res.Summary, Rounds: res.Rounds, Proven: res.Proven, Nodes: res.Nodes}
	for _, x := range res.Excluded {
		s.Excluded = append(s.Excluded, x.Exercise.ID+" "+string(x.Reason)+" "+x.Why)
	}
	return s
}

// A catalog prepared once (Index) plans exactly as Plan does, for any
// request, from several goroutines at once (go test -race checks that the
// index is only read, and its tours made once), a failing request included.
func TestIndexPlansAsPlan(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 3))
	for i, c := range []*catalog.Catalog{builtin(t), randomCatalog(t, rng, 12, true), randomCatalog(t, rng, 60, false)} {
		x := planner.NewIndex(c, rules)
		if x.Catalog() != c || x.Rules() != rules {
			t.Fatal("the index forgets what it was made from")
		}
		var reqs []planner.Request
		for m := planner.MinMinutes; m <= planner.MaxMinutes; m += 1 + rng.IntN(4) {
			reqs = append(reqs, randomRequest(rng, c, m, rng.IntN(8)))
		}
		reqs = append(reqs, planner.Request{Minutes: 1}, planner.Request{Minutes: 31})
		want := make([]summary, len(reqs))
		for k, req := range reqs {
			want[k] = summarise(planner.Plan(req, c, rules))
		}
		var wg sync.WaitGroup
		for range 3 {
			wg.Go(func() {
				for k, req := range reqs {
					if diff := cmp.Diff(want[k], summarise(x.Plan(req))); diff != "" {
						t.Errorf("catalog %d, request %d (%d min): the index plans otherwise (-Plan +Index):\n%s", i, k, req.Minutes, diff)
					}
				}
			})
		}
		wg.Wait()
	}
	// Rules the search does not cover are refused by the index as by Plan.
	bad := rules
	bad.SetupNear = bad.SetupFloor + 1
	_, err1 := planner.Plan(planner.Request{Minutes: 5}, builtin(t), bad)
	_, err2 := planner.NewIndex(builtin(t), bad).Plan(planner.Request{Minutes: 5})
	if err1 == nil || err2 == nil || err1.Error() != err2.Error() {
		t.Errorf("bad rules: Plan %v, Index %v", err1, err2)
	}
}
