package planner_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/planner"
)

// BenchmarkPlanBuiltin plans on the built-in catalog at every budget, with
// every piece of equipment and the floor: the largest search it has; at
// the starting level and at the top of every range (ladders of five doses).
func BenchmarkPlanBuiltin(b *testing.B) {
	c := builtin(b)
	for _, level := range []string{"start", "top"} {
		for m := planner.MinMinutes; m <= planner.MaxMinutes; m++ {
			req := planner.Request{Minutes: m, Equipment: catalog.EquipmentIDs, Floor: true}
			if level == "top" {
				req.Levels = topLevels(c)
			}
			b.Run(fmt.Sprintf("%s/min=%d", level, m), func(b *testing.B) {
				var res planner.Result
				for b.Loop() {
					var err error
					if res, err = planner.Plan(req, c, rules); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(res.Nodes), "nodes")
			})
		}
	}
}

// BenchmarkPlanDesk is the five-minute plan with no floor and no equipment.
func BenchmarkPlanDesk(b *testing.B) {
	c := builtin(b)
	req := planner.Request{Minutes: 5}
	for b.Loop() {
		if _, err := planner.Plan(req, c, rules); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanSynthetic1000 plans on a random catalog of 1,000 exercises:
// budgets with every piece of equipment and the floor, and with a person's
// ratings and levels on a fifth of the exercises (17, 25 and 27 minutes are
// the slowest budgets for that person; see docs/performance.md).
func BenchmarkPlanSynthetic1000(b *testing.B) {
	rng := rand.New(rand.NewPCG(1000, 1))
	c := randomCatalog(b, rng, 1000, false)
	person := randomRequest(rng, c, 0, 200)
	person.Avoid = nil
	for _, m := range []int{1, 5, 10, 15, 17, 20, 25, 27, 30} {
		for _, who := range []string{"new", "person"} {
			req := planner.Request{Minutes: m, Equipment: catalog.EquipmentIDs, Floor: true}
			if who == "person" {
				req = person
				req.Minutes = m
			}
			b.Run(fmt.Sprintf("min=%d/%s", m, who), func(b *testing.B) {
				var res planner.Result
				for b.Loop() {
					var err error
					if res, err = planner.Plan(req, c, rules); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(res.Nodes), "nodes")
				b.ReportMetric(float64(res.Candidates), "candidates")
				b.ReportMetric(float64(res.Fitting), "fitting")
				if !res.Proven {
					b.Error("not proven best")
				}
			})
		}
	}
}

// BenchmarkNewIndex prepares a catalog for planning (planner.Index): the
// one-off cost a server pays per catalog, which each plan on the index
// then saves (TestPlannerCPUTable prints both).
func BenchmarkNewIndex(b *testing.B) {
	rng := rand.New(rand.NewPCG(1000, 1))
	for _, c := range []struct {
		name string
		c    *catalog.Catalog
	}{{"builtin", builtin(b)}, {"synthetic1000", randomCatalog(b, rng, 1000, false)}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				planner.NewIndex(c.c, rules)
			}
		})
	}
}
