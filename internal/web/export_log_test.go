package web

import (
	"context"
	"log/slog"
	"time"
)

// LogRequest writes the request line instrument hands NewLogHandler's
// handler h (logHandler.request), for the handler's own tests.
func LogRequest(h slog.Handler, at time.Time, method, path, route string, status, bytes int, took time.Duration) error {
	return h.(*logHandler).request(context.Background(), at, method, path, route, status, bytes, took)
}

// PlanQueriesKept returns the catalog generation of each plan query kept
// read (planAskedFor), and the generation of the catalog now.
func PlanQueriesKept(s *Server) (gens []int, now int) {
	if m := s.planQueries.Load(); m != nil {
		for k := range *m {
			gens = append(gens, k.gen)
		}
	}
	return gens, s.cat.Load().gen
}

// DayOf is Server.dayOf: the local date of t, as pages made from the
// journal are stamped with it.
func DayOf(s *Server, t time.Time) string { return s.dayOf(t) }
