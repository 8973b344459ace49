package planner_test

import (
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/planner"
)

var fillTable = flag.Bool("fill-table", false, "print the minutes-used table of docs/performance.md")

// place is one of the settings of the minutes-used table.
type place struct {
	name  string
	equip []catalog.Equipment
	floor bool
}

var places = []place{
	{"all equipment", catalog.EquipmentIDs, true},
	{"no equipment", nil, true},
	{"all equipment, no floor", catalog.EquipmentIDs, false},
	{"no equipment, no floor (a desk)", nil, false},
}

// topLevels returns every exercise's level at the top of its ranges.
func topLevels(c *catalog.Catalog) map[string]dose.Amount {
	lv := map[string]dose.Amount{}
	for _, e := range c.Exercises() {
		lv[e.ID] = e.Dose.Normalize().Target()
	}
	return lv
}

// Plans use the time asked for (PRODUCT.md §8): at least three quarters of
// 15 minutes with every piece of equipment, at the starting level and at
// the top of every range, never a dose above the person's level (checkPlan).
// With -fill-table it prints minutes used against minutes asked for every
// budget, place and level: the table in docs/performance.md.
func TestPlansUseTheTime(t *testing.T) {
	c := builtin(t)
	levels := []struct {
		name   string
		levels map[string]dose.Amount
	}{{"the starting level", nil}, {"the top of every range", topLevels(c)}}
	var tab strings.Builder
	for _, lv := range levels {
		fmt.Fprintf(&tab, "\nAt %s: minutes used of minutes asked (share), exercises × rounds.\n\n| min |", lv.name)
		for _, pl := range places {
			fmt.Fprintf(&tab, " %s |", pl.name)
		}
		fmt.Fprintf(&tab, "\n|---|%s\n", strings.Repeat("---|", len(places)))
		for m := planner.MinMinutes; m <= planner.MaxMinutes; m++ {
			fmt.Fprintf(&tab, "| %d |", m)
			for _, pl := range places {
				req := planner.Request{Minutes: m, Equipment: pl.equip, Floor: pl.floor, Levels: lv.levels}
				res, err := planner.Plan(req, c, rules)
				if err != nil {
					if _, ok := planner.AsNothingFits(err); !ok {
						t.Fatal(err)
					}
					fmt.Fprintf(&tab, " nothing fits |")
					continue
				}
				checkPlan(t, req, c, res)
				d := res.Timeline.Duration
				share := float64(d) / float64(req.Budget())
				fmt.Fprintf(&tab, " %s (%.0f%%) %d×%d |", clockOf(d), 100*share, len(res.Choices), res.Rounds)
				if m == 15 && pl.name == "all equipment" && share < planner.FillShare {
					t.Errorf("15 minutes, %s, at %s: %v, %.0f%% of the time", pl.name, lv.name, d, 100*share)
				}
			}
			fmt.Fprintln(&tab)
		}
	}
	if *fillTable {
		fmt.Print(tab.String())
	}
}

func clockOf(d time.Duration) string {
	s := int(d / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
