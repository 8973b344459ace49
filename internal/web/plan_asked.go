package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/planner"
)

// askedPlan is a plan query (GET /api/v1/plan?…, GET /plan?…) read once:
// what it asks for and the journal cache's key of its answer.
type askedPlan struct {
	pr    planRequest
	start bool   // level=start (the API's)
	key   string // the journal cache's key, the catalog's generation in it (catalogKey)
	// params is the request as planParams writes it (the page's links).
	params string
}

// planQueryKey is what a plan query is read again for: its raw text, on
// the route it came to (the page takes each piece of equipment as its own
// value, the API one list), against one catalog (catState.gen).
type planQueryKey struct {
	gen  int
	page bool
	raw  string
}

// maxPlanQueries bounds the plan queries kept read: past it they are
// forgotten together and read again as they come.
const maxPlanQueries = 64

// planAskedFor returns the plan r asks for, read from its query once per
// distinct query and catalog (issue 16: parsing the query, checking it
// against the catalog and writing the cache key again at every request
// was a third of a kept plan's allocations). page reads it as the plan
// page does; it returns nil, and no error, when the page is asked for with
// no minutes (the form). A query that is wrong is never kept: it is read
// again, and refused again, each time.
func (s *Server) planAskedFor(r *http.Request, page bool) (*askedPlan, error) {
	cs := s.cat.Load()
	k := planQueryKey{gen: cs.gen, page: page, raw: r.URL.RawQuery}
	if m := s.planQueries.Load(); m != nil {
		if ap, ok := (*m)[k]; ok {
			return ap, nil
		}
	}
	ap, err := readPlanQuery(r, page, cs)
	if err != nil || ap == nil {
		return ap, err
	}
	for {
		old := s.planQueries.Load()
		next := make(map[planQueryKey]*askedPlan)
		if old != nil && len(*old) < maxPlanQueries {
			for ok, v := range *old {
				if ok.gen == cs.gen { // those of an older catalog are never asked for again
					next[ok] = v
				}
			}
		}
		next[k] = ap
		if s.planQueries.CompareAndSwap(old, &next) {
			return ap, nil
		}
	}
}

// readPlanQuery reads the plan r's query asks for against the catalog of
// cs, as planAskedFor keeps it.
func readPlanQuery(r *http.Request, page bool, cs *catState) (*askedPlan, error) {
	q := params(r)
	if page {
		if q.Get("minutes") == "" {
			return nil, nil
		}
		// A form sends each piece of equipment as its own value.
		if eq := q["equipment"]; len(eq) > 1 {
			q.Set("equipment", strings.Join(eq, ","))
		}
	}
	pr, err := planQuery(q)
	if err != nil {
		return nil, err
	}
	ap := &askedPlan{pr: pr, params: planParams(pr)}
	if page {
		// What the catalog says of it is shown on the form (planPage).
		ap.key = strconv.Itoa(cs.gen) + ":page/plan?" + ap.params
		return ap, nil
	}
	if ap.start, err = atStart(q); err != nil {
		return nil, err
	}
	if _, err := plannerRequestOn(cs, pr); err != nil {
		return nil, err // a request that is wrong is never kept
	}
	ap.key = strconv.Itoa(cs.gen) + ":api/plan?" + ap.params + "&start=" + strconv.FormatBool(ap.start)
	return ap, nil
}

// plannerRequestOn checks a plan request against the catalog of cs.
func plannerRequestOn(cs *catState, pr planRequest) (planner.Request, error) {
	req := planner.Request{Minutes: pr.Minutes, Floor: pr.Floor, Focus: planner.Focus(pr.Focus)}
	if req.Focus == "" {
		req.Focus = planner.Balanced
	}
	for _, e := range pr.Equipment {
		if e == "none" {
			continue
		}
		if q := catalog.Equipment(e); !slices.Contains(req.Equipment, q) {
			req.Equipment = append(req.Equipment, q)
		}
	}
	if err := req.Check(cs.c); err != nil {
		return req, err
	}
	return req, nil
}
