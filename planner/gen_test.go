package planner_test

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/planner"
)

// targetWords are targets random exercises draw from: names the planner maps
// to areas, and two it does not know (areas of their own).
var targetWords = []string{
	"neck", "deep neck flexors", "shoulders", "front of the shoulders", "rhomboids", "middle trapezius",
	"chest", "pectoralis minor", "upper back", "thoracic spine", "mid back", "spinal extensors",
	"lower back", "glutes", "forearms", "hip flexors",
}

// randomCatalog returns a valid catalog of n random exercises covering every
// mode, sides option, position and piece of equipment, with substitutes.
// With twins, some exercises are near-copies of earlier ones, so that some
// dominate others.
func randomCatalog(t testing.TB, rng *rand.Rand, n int, twins bool) *catalog.Catalog {
	t.Helper()
	var b strings.Builder
	b.WriteString("exercises:\n")
	var prev []string
	for i := range n {
		if twins && i > 0 && rng.IntN(3) == 0 {
			// A near-copy: same fields, another id, maybe another difficulty.
			src := prev[rng.IntN(len(prev))]
			twin := strings.Replace(src, "id: x", fmt.Sprintf("id: x%d-", i), 1)
			if rng.IntN(2) == 0 {
				for _, d := range catalog.Difficulties {
					twin = strings.Replace(twin, "difficulty: "+string(d), "difficulty: "+string(catalog.Difficulties[rng.IntN(3)]), 1)
				}
			}
			if rng.IntN(3) == 0 {
				// A little shorter and easier: it dominates the original
				// once, perhaps not in two rounds, where time counts twice.
				twin = shorter(twin)
				for _, d := range catalog.Difficulties {
					twin = strings.Replace(twin, "difficulty: "+string(d), "difficulty: easy", 1)
				}
			}
			b.WriteString(twin)
			prev = append(prev, twin)
			continue
		}
		e := randomExercise(rng, i)
		b.WriteString(e)
		prev = append(prev, e)
	}
	cb := catalog.NewBuilder()
	if is := cb.Add("random.yaml", "random.yaml", []byte(b.String())); len(is) > 0 {
		t.Fatalf("random catalog: %v\n%s", is, b.String())
	}
	c, is := cb.Build()
	if len(is) > 0 {
		t.Fatal(is)
	}
	return c
}

// minimum is the low end of a dose range in an exercise written by randomExercise.
var minimum = regexp.MustCompile(`(reps|hold|seconds): \{min: (\d+), max: (\d+)\}`)

// shorter lowers the low end of an exercise's first dose range by one,
// where that leaves it valid.
func shorter(e string) string {
	done := false
	return minimum.ReplaceAllStringFunc(e, func(m string) string {
		g := minimum.FindStringSubmatch(m)
		lo, _ := strconv.Atoi(g[2])
		if done || lo <= 2 {
			return m
		}
		done = true
		return fmt.Sprintf("%s: {min: %d, max: %s}", g[1], lo-1, g[3])
	})
}

func randomExercise(rng *rand.Rand, i int) string {
	pick := func(n int) int { return rng.IntN(n) }
	var b strings.Builder
	fmt.Fprintf(&b, "  - id: x%d\n    name: Exercise %d\n    purpose: Test.\n", i, i)
	fmt.Fprintf(&b, "    type: %s\n    difficulty: %s\n", catalog.Types[pick(len(catalog.Types))], catalog.Difficulties[pick(3)])
	if pick(3) == 0 {
		b.WriteString("    tags: [stability]\n")
	}
	ts := rng.Perm(len(targetWords))[:1+pick(4)]
	words := make([]string, len(ts))
	for k, j := range ts {
		words[k] = targetWords[j]
	}
	fmt.Fprintf(&b, "    targets: [%s]\n", strings.Join(words, ", "))
	ps := rng.Perm(len(catalog.Positions))[:1+pick(2)]
	pos := make([]string, len(ps))
	for k, j := range ps {
		pos[k] = string(catalog.Positions[j])
	}
	fmt.Fprintf(&b, "    positions: [%s]\n", strings.Join(pos, ", "))
	var eq []string
	if pick(2) == 0 {
		qs := rng.Perm(len(catalog.EquipmentIDs))[:1+pick(2)]
		for _, j := range qs {
			eq = append(eq, string(catalog.EquipmentIDs[j]))
		}
	}
	fmt.Fprintf(&b, "    equipment: [%s]\n", strings.Join(eq, ", "))
	if len(eq) > 0 && pick(2) == 0 {
		var sub catalog.Equipment
		for sub == "" || strings.Contains(strings.Join(eq, ","), string(sub)) {
			sub = catalog.EquipmentIDs[pick(len(catalog.EquipmentIDs))]
		}
		fmt.Fprintf(&b, "    substitutes: {%s: [%s]}\n", eq[0], sub)
	}
	rng2 := func(lo, hi, spread int) string {
		a := lo + pick(hi-lo+1)
		return fmt.Sprintf("{min: %d, max: %d}", a, a+pick(spread+1))
	}
	sides := []string{"none", "each", "alternate"}[pick(3)]
	cues := "intro: In., setup: Set."
	switch pick(4) {
	case 0:
		fmt.Fprintf(&b, "    dose: {mode: reps, reps: %s", rng2(2, 8, 6))
		cues += ", move: Move."
		if pick(2) == 0 {
			fmt.Fprintf(&b, ", hold: %s", rng2(2, 6, 4))
			cues += ", hold: Hold., release: Let go."
		}
	case 1:
		fmt.Fprintf(&b, "    dose: {mode: hold, reps: %s, hold: %s", rng2(1, 3, 2), rng2(5, 20, 10))
		cues += ", move: Move., hold: Hold., release: Let go."
		if pick(2) == 0 {
			b.WriteString(", rest: 3")
		}
	case 2:
		fmt.Fprintf(&b, "    dose: {mode: timed, seconds: %s", rng2(20, 60, 30))
		cues += ", move: Move."
		sides = "none"
	default:
		fmt.Fprintf(&b, "    dose: {mode: breath, reps: %s", rng2(3, 8, 4))
		cues += ", inhale: In., exhale: Out."
		if pick(2) == 0 {
			b.WriteString(", tempo: {inhale: 2.5, exhale: 3.5}")
		}
	}
	if pick(5) == 0 {
		b.WriteString(", sets: {min: 1, max: 2}")
	}
	fmt.Fprintf(&b, ", sides: %s}\n", sides)
	fmt.Fprintf(&b, "    steps: [Do it.]\n    cues: {%s}\n    cautions: [Stop if it hurts.]\n", cues)
	return b.String()
}

// randomRequest returns a request for c with random equipment, floor, focus,
// ratings, levels and exercises to avoid. levelled is how many exercises
// get a level above their starting dose.
func randomRequest(rng *rand.Rand, c *catalog.Catalog, minutes, levelled int) planner.Request {
	req := planner.Request{Minutes: minutes, Floor: rng.IntN(3) > 0, Focus: planner.Focuses[rng.IntN(len(planner.Focuses))]}
	for _, q := range catalog.EquipmentIDs {
		if rng.IntN(2) == 0 {
			req.Equipment = append(req.Equipment, q)
		}
	}
	all := c.Exercises()
	req.Ratings = map[string]journal.Rating{}
	for _, e := range all {
		if rng.IntN(3) == 0 {
			req.Ratings[e.ID] = journal.Ratings[rng.IntN(len(journal.Ratings))]
		}
		if rng.IntN(8) == 0 {
			req.Avoid = append(req.Avoid, e.ID)
		}
	}
	req.Levels = map[string]dose.Amount{}
	for _, k := range rng.Perm(len(all))[:min(levelled, len(all))] {
		e := all[k]
		d := e.Dose.Normalize()
		up := func(r dose.Range) int {
			if r.IsZero() {
				return 0
			}
			return r.Min + rng.IntN(r.Max-r.Min+3) // now and then above the range: it counts as the top
		}
		req.Levels[e.ID] = dose.Amount{Reps: up(d.Reps), Hold: up(d.Hold), HoldBreaths: up(d.HoldBreaths), Seconds: up(d.Seconds), Sets: up(d.Sets)}
	}
	return req
}
