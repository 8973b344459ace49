package web_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/internal/web"
)

// A plan query is read once per query and catalog (planAskedFor), and
// answered as when it was read at every request: the same plan for the
// same query, the page's equipment given as one list or value by value,
// every wrong query refused every time and never kept, no more than 64
// kept, and none of an older catalog once a saved exercise made a new one.
func TestPlanQueriesReadOnce(t *testing.T) {
	e := newEnv(t, true)
	kept := func() (n int, old bool) {
		gens, now := web.PlanQueriesKept(e.srv)
		for _, g := range gens {
			old = old || g != now
		}
		return len(gens), old
	}
	get := func(path string) (int, string) {
		r := e.do("GET", path, "", nil)
		return r.Code, r.Body.String()
	}
	code, first := get("/api/v1/plan?minutes=15")
	if code != http.StatusOK {
		t.Fatalf("GET /api/v1/plan?minutes=15: %d %s", code, first)
	}
	for range 3 {
		if code, b := get("/api/v1/plan?minutes=15"); code != http.StatusOK || b != first {
			t.Errorf("the same plan again: %d, same %v", code, b == first)
		}
	}
	if n, _ := kept(); n != 1 {
		t.Errorf("%d plan queries kept, want 1", n)
	}
	for _, bad := range []string{"/api/v1/plan?minutes=15&colour=red", "/api/v1/plan?minutes=15&equipment=rocket", "/api/v1/plan?minutes=abc",
		"/api/v1/plan?minutes=99", "/api/v1/plan?minutes=15&level=top", "/api/v1/plan?minutes=15&floor=maybe", "/plan?minutes=15&colour=red"} {
		for range 2 {
			if code, b := get(bad); code != http.StatusBadRequest {
				t.Errorf("%s: %d %.100s", bad, code, b)
			}
		}
	}
	if n, _ := kept(); n != 1 {
		t.Errorf("%d plan queries kept after wrong ones, want 1", n)
	}
	// The page: pieces of equipment one by one or as a list are one plan.
	_, byValue := get("/plan?minutes=10&equipment=band&equipment=wall&floor=false")
	_, asList := get("/plan?minutes=10&equipment=band,wall&floor=false")
	if byValue != asList {
		t.Errorf("the plan page differs as the equipment is given:\n%s", cmp.Diff(byValue, asList))
	}
	if code, form := get("/plan"); code != http.StatusOK || form == byValue {
		t.Errorf("GET /plan: %d, the form %v", code, form != byValue)
	}
	// Many queries: each answered, the kept ones bounded.
	for m := 1; m <= 30; m++ {
		for _, floor := range []string{"true", "false", "1"} {
			path := "/api/v1/plan?minutes=" + strconv.Itoa(m) + "&floor=" + floor
			if code, b := get(path); code != http.StatusOK && code != http.StatusBadRequest {
				t.Errorf("%s: %d %.100s", path, code, b)
			}
			if n, _ := kept(); n > 64 {
				t.Fatalf("%d plan queries kept", n)
			}
		}
	}
	if code, b := get("/api/v1/plan?minutes=15"); code != http.StatusOK || b != first {
		t.Errorf("the first plan after many: %d, same %v", code, b == first)
	}
	// A saved exercise makes a new catalog: what was read of the old one goes.
	_, before := web.PlanQueriesKept(e.srv)
	seedOwn(t, &live{t: t, st: e.st})
	time.Sleep(30 * time.Millisecond) // the journal's version is read again after versionTTL
	if code, b := get("/api/v1/plan?minutes=15"); code != http.StatusOK {
		t.Errorf("the plan after a saved exercise: %d %s", code, b)
	}
	if _, now := web.PlanQueriesKept(e.srv); now == before {
		t.Errorf("no new catalog after a saved exercise (generation %d)", now)
	}
	if n, old := kept(); n != 1 || old {
		t.Errorf("after a new catalog, %d plan queries kept, some of the old one: %v", n, old)
	}
}
