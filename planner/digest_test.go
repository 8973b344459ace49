package planner_test

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/planner"
)

var plansOut = flag.String("plans-out", "", "write every plan of a fixed set of requests to this file, one line each, to compare two versions of the planner (docs/performance.md)")

// fingerprint is one plan in one line: rounds, score, whether proven, and
// each exercise with its dose and position in order.
func fingerprint(res planner.Result, err error) string {
	if err != nil {
		return "err " + err.Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "r%d t%d p%v:", res.Rounds, res.Objective.Total, res.Proven)
	for _, c := range res.Choices {
		fmt.Fprintf(&b, " %s%v@%s", c.Exercise.ID, c.Amount, c.Position)
	}
	return b.String()
}

// With -plans-out FILE, the plans for 25,920 requests: on the 1,000-exercise
// catalog (a new person, the benchmark's person and four more), a
// 200-exercise catalog with near-copies, the built-in catalog (every
// equipment subset, floor or not, at the starting level and the top of
// every range, and 40 random persons) and 300 random catalogs, every budget
// 1–30 each. A change meant only to make the planner faster leaves the
// file byte for byte the same (cmp the files of the two test binaries). It
// checks nothing itself.
func TestPlansDigest(t *testing.T) {
	out := *plansOut
	if out == "" {
		t.Skip("a listing to compare two planners: go test ./planner -run PlansDigest -plans-out FILE")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	emit := func(name string, req planner.Request, c *catalog.Catalog) {
		res, err := planner.Plan(req, c, rules)
		fmt.Fprintf(f, "%s %s\n", name, fingerprint(res, err))
	}
	// The 1,000-exercise catalog: a new person, the benchmark's person, and more persons.
	rng := rand.New(rand.NewPCG(1000, 1))
	big := randomCatalog(t, rng, 1000, false)
	person := randomRequest(rng, big, 0, 200)
	person.Avoid = nil
	persons := []planner.Request{{Equipment: catalog.EquipmentIDs, Floor: true}, person}
	prng := rand.New(rand.NewPCG(77, 5))
	for range 4 {
		persons = append(persons, randomRequest(prng, big, 0, 200))
	}
	for i, p := range persons {
		for m := 1; m <= 30; m++ {
			req := p
			req.Minutes = m
			emit(fmt.Sprintf("big/%d/%d", i, m), req, big)
		}
	}
	// A 200-exercise catalog with near-copies.
	mid := randomCatalog(t, prng, 200, true)
	for i := range 6 {
		p := randomRequest(prng, mid, 0, 40)
		for m := 1; m <= 30; m++ {
			req := p
			req.Minutes = m
			emit(fmt.Sprintf("mid/%d/%d", i, m), req, mid)
		}
	}
	// The built-in catalog: every equipment subset, floor or not, every budget; and the top of every range.
	c := builtin(t)
	ids := catalog.EquipmentIDs
	for mask := range 1 << len(ids) {
		var eq []catalog.Equipment
		for k, id := range ids {
			if mask&(1<<k) != 0 {
				eq = append(eq, id)
			}
		}
		for _, floor := range []bool{true, false} {
			for m := 1; m <= 30; m++ {
				req := planner.Request{Minutes: m, Equipment: eq, Floor: floor}
				emit(fmt.Sprintf("builtin/%d/%v/%d", mask, floor, m), req, c)
				req.Levels = topLevels(c)
				emit(fmt.Sprintf("builtintop/%d/%v/%d", mask, floor, m), req, c)
			}
		}
	}
	brng := rand.New(rand.NewPCG(21, 4))
	for i := range 40 {
		p := randomRequest(brng, c, 0, 3)
		for m := 1; m <= 30; m++ {
			req := p
			req.Minutes = m
			emit(fmt.Sprintf("builtinperson/%d/%d", i, m), req, c)
		}
	}
	// Random catalogs with near-copies.
	rrng := rand.New(rand.NewPCG(8, 99))
	for i := range 300 {
		rc := randomCatalog(t, rrng, 2+i%60, true)
		p := randomRequest(rrng, rc, 0, 2+rrng.IntN(20))
		for m := 1; m <= 30; m++ {
			req := p
			req.Minutes = m
			emit(fmt.Sprintf("rand/%d/%d", i, m), req, rc)
		}
	}
}
