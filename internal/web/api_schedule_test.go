package web_test

import (
	"strings"
	"testing"
)

// Issue 19 through the API: set, show, the calendar file, and bad input
// refused with the saved schedule unchanged.
func TestScheduleAPI(t *testing.T) {
	e := newEnv(t, false)
	if r := e.do("GET", "/api/v1/schedule", "", nil); r.Code != 200 || !strings.Contains(r.Body.String(), `"set":false`) {
		t.Fatalf("no schedule yet: %d %s", r.Code, r.Body)
	}
	if r := e.do("GET", "/api/v1/schedule.ics", "", nil); r.Code != 404 || !strings.Contains(r.Body.String(), "no schedule yet") {
		t.Errorf("a calendar without a schedule: %d %s", r.Code, r.Body)
	}
	desk := `{"days":["mon-fri"],"times":["17:45","12:30"],"minutes":5,"no_floor":true,"skip_if_practised":true}`
	r := e.do("PUT", "/api/v1/schedule", desk, nil)
	if r.Code != 200 {
		t.Fatalf("set: %d %s", r.Code, r.Body)
	}
	var doc struct {
		Set   bool
		Days  []string
		Times []string
		Play  string
		Next  string
	}
	decodeBody(t, r.Body.Bytes(), &doc)
	if !doc.Set || len(doc.Days) != 5 || strings.Join(doc.Times, ",") != "12:30,17:45" || !strings.HasPrefix(doc.Play, "/play/plan?") || doc.Next == "" {
		t.Errorf("set answered %+v", doc)
	}
	for _, tc := range []struct {
		body   string
		status int
		says   string
	}{
		{`{"days":["mon-fri"],"times":["25:00"],"minutes":5}`, 400, "hours go from 00 to 23"},
		{`{"days":["mon-fri"],"times":["12:5"],"minutes":5}`, 400, "two digits for the minutes"},
		{`{"days":[],"times":["12:30"],"minutes":5}`, 400, "no days given"},
		{`{"days":["mon"],"times":["12:30"],"minutes":5,"quiet":["22:00-07:00","06:00-08:00"]}`, 400, "overlap"},
		{`{"days":["mon"],"times":["12:30"],"routine":"quick-daily-rest"}`, 404, "quick-daily-reset"},
		{`{"days":["mon"],"times":["12:30"],"routine":"quick-daily-reset","equipment":["chair"]}`, 400, "doorway"},
		{`{"days":["mon"],"times":["12:30"],"minutes":5,"colour":"red"}`, 400, "colour"},
	} {
		r := e.do("PUT", "/api/v1/schedule", tc.body, nil)
		if r.Code != tc.status || !strings.Contains(r.Body.String(), tc.says) {
			t.Errorf("%s: %d %s; want %d saying %q", tc.body, r.Code, r.Body, tc.status, tc.says)
		}
	}
	if r := e.do("GET", "/api/v1/schedule", "", nil); !strings.Contains(r.Body.String(), `"times":["12:30","17:45"]`) {
		t.Errorf("after refusals: %s", r.Body)
	}
	r = e.do("GET", "/api/v1/schedule.ics", "", nil)
	body := r.Body.String()
	if r.Code != 200 || !strings.HasPrefix(r.Header().Get("Content-Type"), "text/calendar") ||
		strings.Count(body, "BEGIN:VEVENT") != 2 || !strings.Contains(body, "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR") ||
		!strings.Contains(strings.ReplaceAll(body, "\r\n ", ""), "URL:http://127.0.0.1:8080/play/plan?") {
		t.Errorf("calendar: %d %s\n%s", r.Code, r.Header(), body)
	}
	if r := e.do("GET", "/api/v1/schedule.ics?tz=Europe/Berlin", "", nil); !strings.Contains(r.Body.String(), "DTSTART;TZID=Europe/Berlin:") {
		t.Errorf("calendar in Berlin: %s", r.Body)
	}
	if r := e.do("GET", "/api/v1/schedule.ics?tz=Nowhere", "", nil); r.Code != 400 {
		t.Errorf("a zone that is not: %d", r.Code)
	}
	if r := e.do("DELETE", "/api/v1/schedule", "", nil); r.Code != 200 {
		t.Errorf("clear: %d %s", r.Code, r.Body)
	}
	if r := e.do("GET", "/api/v1/schedule", "", nil); !strings.Contains(r.Body.String(), `"set":false`) {
		t.Errorf("after clearing: %s", r.Body)
	}
}
