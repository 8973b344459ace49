package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// quick is the quick-daily-reset routine's exercises, in order.
var quick = []string{"chin-tucks", "scapular-squeezes", "doorway-pec-stretch"}

// exerciseEvent is a valid exercise event for index i of quick-daily-reset,
// started at the env's clock.
func validEvent(i int) string {
	start := now.Add(time.Duration(i) * 40 * time.Second)
	return fmt.Sprintf(`{"type":"exercise","index":%d,"exercise_id":%q,"outcome":"done","amount":{},"seconds":35,"started_at":%q,"ended_at":%q}`,
		i, quick[i], start.Format(time.RFC3339), start.Add(36*time.Second).Format(time.RFC3339))
}

// One bad value fails alone, on both engines: concurrent rounds of 60 valid
// exercise outcomes with out-of-range numbers and unreadable session ids
// among them. Every valid outcome is saved (200), every bad one is refused
// with a 4xx, none is a 500.
func TestBadValuesFailAlone(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		e := newEnvURL(t, url, true)
		var ids []string
		for i := range 20 {
			ids = append(ids, e.start("quick-daily-reset", fmt.Sprintf("key-bad-%d", i), 2))
		}
		bad := []struct{ path, body string }{
			{"/api/v1/sessions/" + ids[0] + "/events", strings.Replace(validEvent(0), `"amount":{}`, `"amount":{"reps":2147483648}`, 1)},
			{"/api/v1/sessions/" + ids[1] + "/events", `{"type":"rating","index":9223372036854775807,"rating":"easy"}`},
			{"/api/v1/sessions/" + ids[2] + "/events", `{"type":"rating","index":2147483648,"rating":"easy"}`},
			{"/api/v1/sessions/" + ids[3] + "/events", strings.Replace(validEvent(1), `"index":1`, `"index":2147483648`, 1)},
			{"/api/v1/sessions/" + ids[4] + "/events", strings.Replace(validEvent(2), `"seconds":35`, `"seconds":1e300`, 1)},
			{"/api/v1/sessions/" + ids[5] + "/events", strings.Replace(validEvent(0), `"amount":{}`, `"amount":{"sets":-2147483649}`, 1)},
			{"/api/v1/sessions/%00" + ids[6][1:] + "/events", validEvent(0)},
			{"/api/v1/sessions/%FF%FE/events", validEvent(0)},
		}
		for round := range 3 {
			var wg sync.WaitGroup
			codes := make(chan string, 100)
			for _, id := range ids {
				for i := range quick {
					wg.Go(func() {
						if r := e.do("POST", "/api/v1/sessions/"+id+"/events", validEvent(i), nil); r.Code != http.StatusOK {
							codes <- fmt.Sprintf("valid %s/%d: %d %s", id, i, r.Code, r.Body)
						}
					})
				}
			}
			for _, b := range bad {
				wg.Go(func() {
					if r := e.do("POST", b.path, b.body, nil); r.Code < 400 || r.Code >= 500 {
						codes <- fmt.Sprintf("bad %s %s: %d %s", b.path, b.body, r.Code, r.Body)
					}
				})
			}
			wg.Wait()
			close(codes)
			for c := range codes {
				t.Errorf("round %d: %s", round, c)
			}
		}
		for _, id := range ids {
			s, err := e.st.Session(t.Context(), id)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Exercises) != 3 {
				t.Errorf("session %s has %d exercises, want 3", id, len(s.Exercises))
			}
			for _, p := range s.Exercises {
				if p.Amount.Reps > 15 || p.Amount.Sets < 0 || p.Seconds > 100 {
					t.Errorf("session %s saved %+v", id, p)
				}
			}
		}
	})
}

// Session ids no journal can hold (a NUL, invalid UTF-8, control
// characters, too long) are simply not found, on both engines.
func TestUnreadableSessionIDs(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		e := newEnvURL(t, url, true)
		for _, id := range []string{"%00", "abc%00def", "%FF", "%C3%28", "%1B%5B31m", strings.Repeat("A", 65)} {
			for _, c := range []struct{ method, path, body string }{
				{"GET", "/api/v1/sessions/" + id, ""},
				{"POST", "/api/v1/sessions/" + id + "/events", validEvent(0)},
				{"POST", "/api/v1/sessions/" + id + "/events", `{"type":"rating","index":0,"rating":"easy"}`},
				{"POST", "/api/v1/sessions/" + id + "/events", `{"type":"finish","status":"completed"}`},
			} {
				r := e.do(c.method, c.path, c.body, nil)
				if r.Code != http.StatusNotFound {
					t.Errorf("%s %s: %d %s, want 404", c.method, c.path, r.Code, r.Body)
				}
			}
		}
	})
}
