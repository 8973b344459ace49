//go:build unix

package planner_test

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/planner"
)

var (
	cpuTable = flag.Bool("cpu-table", false, "print the planner's CPU time per plan for every budget (docs/performance.md)")
	cpuRuns  = flag.Int("cpu-runs", 3, "with -cpu-table, the plans of each budget timed (the mean is printed)")
	cpuFresh = flag.Bool("cpu-fresh", false, "with -cpu-table, plan with planner.Plan, which prepares the catalog for every plan, as the command line does")
)

// cpuTime returns the CPU time the process has used: on a shared machine
// it moves far less with the load than the wall clock does.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// With -cpu-table (and GOMAXPROCS=1, so that the figure is the plan's own),
// the CPU time of one plan for every budget 1–30, on an Index made once
// (whose own cost it prints apart): on the built-in catalog
// at the starting level and the top of every range, and on the synthetic
// 1,000-exercise catalog for a new person and for one with levels, ratings
// and a focus (BenchmarkPlanSynthetic1000's requests). It prints figures;
// it asserts nothing about time.
func TestPlannerCPUTable(t *testing.T) {
	if !*cpuTable {
		t.Skip("figures for docs/performance.md: go test ./planner -run CPUTable -cpu-table -v")
	}
	c := builtin(t)
	rng := rand.New(rand.NewPCG(1000, 1))
	big := randomCatalog(t, rng, 1000, false)
	person := randomRequest(rng, big, 0, 200)
	person.Avoid = nil
	type row struct {
		name string
		c    *catalog.Catalog
		req  planner.Request
	}
	rows := []row{
		{"built-in, start", c, planner.Request{Equipment: catalog.EquipmentIDs, Floor: true}},
		{"built-in, top", c, planner.Request{Equipment: catalog.EquipmentIDs, Floor: true, Levels: topLevels(c)}},
		{"1,000, new", big, planner.Request{Equipment: catalog.EquipmentIDs, Floor: true}},
		{"1,000, person", big, person},
	}
	runs := max(*cpuRuns, 1)
	for _, r := range rows {
		// The catalog prepared once (as the web server keeps it), timed
		// apart: the one-off cost, then the plans on it.
		var x *planner.Index
		c0 := cpuTime()
		const builds = 20
		for range builds {
			x = planner.NewIndex(r.c, rules)
		}
		prep := (cpuTime() - c0) / builds
		var worst, sum time.Duration
		worstAt, nodes, allNodes := 0, 0, 0
		line := r.name + ":"
		for m := planner.MinMinutes; m <= planner.MaxMinutes; m++ {
			req := r.req
			req.Minutes = m
			if req.Levels == nil {
				req.Levels = map[string]dose.Amount{}
			}
			var res planner.Result
			c0 = cpuTime()
			for range runs {
				var err error
				if *cpuFresh {
					res, err = planner.Plan(req, r.c, rules)
				} else {
					res, err = x.Plan(req)
				}
				if err != nil {
					if _, ok := planner.AsNothingFits(err); !ok {
						t.Fatal(err)
					}
				}
			}
			d := (cpuTime() - c0) / time.Duration(runs)
			sum += d
			if d > worst {
				worst, worstAt = d, m
			}
			nodes = max(nodes, res.Nodes)
			allNodes += res.Nodes
			line += fmt.Sprintf(" %d:%.1f", m, float64(d)/float64(time.Millisecond))
		}
		ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
		fmt.Printf("%s\n  mean %.1f ms, worst %.1f ms at %d min, most sets %d, sets in all %d; the index once: %.2f ms\n", line, ms(sum)/30, ms(worst), worstAt, nodes, allNodes, ms(prep))
	}
}
