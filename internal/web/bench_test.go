package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// postureSupport is posture-support's exercises, in order.
var postureSupport = []string{"thoracic-extension", "wall-angels", "chin-tucks", "scapular-squeezes", "doorway-pec-stretch", "cat-cow", "thread-the-needle"}

// benchEvent is a valid outcome for index k of posture-support (events are
// checked against their session: the exercise at that index, its dose,
// times within the session's span).
func benchEvent(k int) string {
	return fmt.Sprintf(`{"type":"exercise","index":%d,"exercise_id":%q,"outcome":"done","amount":{},"seconds":60,"started_at":"2026-11-18T09:31:00Z","ended_at":"2026-11-18T09:32:00Z"}`, k, postureSupport[k])
}

// benchEnv is a screened server with a few sessions, as the load script sets up.
func benchEnv(b *testing.B) (*env, []string) {
	t := &testing.T{}
	e := newEnv(t, true)
	var ids []string
	for i := range 50 {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", "/api/v1/sessions", strings.NewReader(`{"routine_id":"posture-support","pain_before":3}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", fmt.Sprintf("bench-%d", i))
		e.h.ServeHTTP(rec, req)
		if rec.Code/100 != 2 {
			b.Fatalf("start: %d %s", rec.Code, rec.Body)
		}
		id := rec.Body.String()
		id = id[strings.Index(id, `"id":"`)+6:]
		ids = append(ids, id[:26])
		for k := range 7 {
			body := benchEvent(k)
			req := httptest.NewRequest("POST", "/api/v1/sessions/"+ids[i]+"/events", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			e.h.ServeHTTP(rec, req)
		}
	}
	return e, ids
}

func BenchmarkPages(b *testing.B) {
	e, _ := benchEnv(b)
	for _, path := range []string{"/exercises/chin-tucks", "/safety", "/", "/routines", "/history", "/progress"} {
		b.Run(path, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					rec := httptest.NewRecorder()
					e.h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
					if rec.Code != http.StatusOK {
						b.Errorf("%s: %d", path, rec.Code)
					}
				}
			})
		})
	}
}

func BenchmarkRecordEvent(b *testing.B) {
	e, ids := benchEnv(b)
	b.ReportAllocs()
	n := 0
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n++
			body := benchEvent(n % 7)
			req := httptest.NewRequest("POST", "/api/v1/sessions/"+ids[n%len(ids)]+"/events", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			e.h.ServeHTTP(rec, req)
			if rec.Code/100 != 2 {
				b.Errorf("event: %d %s", rec.Code, rec.Body)
			}
		}
	})
}
