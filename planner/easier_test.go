package planner_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/planner"
)

// A person on the easier option of an exercise (a "too hard" rating at its
// starting dose; progress.Level.Easier) is planned that option, as a
// routine of theirs would give it (docs/safety.md, "Progression";
// PRODUCT.md §6): the easier way when the exercise has one (seated
// cat-cow, a rolled towel for the foam roller), else the easier amount
// below the starting dose, and the plan says so. Without the flag, the
// plan is as before.
func TestPlanGivesTheEasierOption(t *testing.T) {
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	only := func(ids ...string) []string { // avoid every other exercise
		var out []string
		for _, e := range c.Exercises() {
			if !slices.Contains(ids, e.ID) {
				out = append(out, e.ID)
			}
		}
		return out
	}
	ex := func(id string) *catalog.Exercise {
		e, ok := c.Exercise(id)
		if !ok {
			t.Fatalf("no %s", id)
		}
		return e
	}
	tests := []struct {
		name     string
		req      planner.Request
		id       string
		position catalog.Position // "" for any
		amount   func(e *catalog.Exercise) dose.Amount
		uses     catalog.Equipment // the substitute used, "" for none
		why      string            // in the choice's reason
	}{
		// With other exercises on the floor, cat-cow would be done there too.
		{name: "cat-cow, seated instead of on hands and knees", id: "cat-cow", position: "seated", why: "easier way for now: seated instead of on hands and knees",
			req: planner.Request{Minutes: 10, Floor: true, Avoid: only("cat-cow", "childs-pose", "thread-the-needle"), Easier: map[string]bool{"cat-cow": true}}},
		{name: "cat-cow without the flag", id: "cat-cow", position: "floor-hands-knees", why: "starting dose",
			req: planner.Request{Minutes: 10, Floor: true, Avoid: only("cat-cow", "childs-pose", "thread-the-needle")}},
		{name: "a rolled towel for the foam roller", id: "thoracic-extension", uses: "towel", why: "easier way for now: with a rolled towel in place of the foam roller",
			req: planner.Request{Minutes: 5, Floor: true, Equipment: []catalog.Equipment{"foam-roller", "towel"}, Avoid: only("thoracic-extension"), Easier: map[string]bool{"thoracic-extension": true}}},
		{name: "the foam roller without the flag", id: "thoracic-extension", why: "starting dose",
			req: planner.Request{Minutes: 5, Floor: true, Equipment: []catalog.Equipment{"foam-roller", "towel"}, Avoid: only("thoracic-extension")}},
		{name: "chin tucks, fewer", id: "chin-tucks", why: "easier way for now: ",
			amount: func(e *catalog.Exercise) dose.Amount { return e.Dose.Easier() },
			req:    planner.Request{Minutes: 5, Avoid: only("chin-tucks"), Easier: map[string]bool{"chin-tucks": true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := ex(tt.id)
			if tt.req.Easier[tt.id] {
				tt.req.Levels = map[string]dose.Amount{tt.id: e.Dose.Easier()} // as progress keeps it
			}
			res, err := planner.Plan(tt.req, c, rules)
			if err != nil {
				t.Fatal(err)
			}
			checkPlan(t, tt.req, c, res)
			i := slices.IndexFunc(res.Choices, func(ch planner.Choice) bool { return ch.Exercise.ID == tt.id })
			if i < 0 {
				t.Fatalf("no %s in %+v", tt.id, res.Choices)
			}
			ch := res.Choices[i]
			want := e.Dose.Start()
			if tt.amount != nil {
				want = tt.amount(e)
			}
			if ch.Amount != want {
				t.Errorf("amount %+v, want %+v", ch.Amount, want)
			}
			if tt.position != "" && ch.Position != tt.position {
				t.Errorf("position %s, want %s", ch.Position, tt.position)
			}
			var uses catalog.Equipment
			for _, s := range ch.Substitutions {
				uses = s.Uses
			}
			if uses != tt.uses {
				t.Errorf("substitutions %+v, want %q used", ch.Substitutions, tt.uses)
			}
			if !strings.Contains(ch.Why, tt.why) {
				t.Errorf("why %q lacks %q", ch.Why, tt.why)
			}
		})
	}
}
