package web

import (
	"net/http"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
)

// historyData is the history page.
type historyData struct {
	Sessions []*journal.Session
	Names    map[string]string
	Advice   string
	Older    string // the URL of the page of older sessions; "" on the last page
}

// historyPageSize is how many sessions a page of the history shows.
const historyPageSize = 20

func (s *Server) historyPage(w http.ResponseWriter, r *http.Request) error {
	q := params(r)
	if err := noQuery(q, "before"); err != nil {
		return err
	}
	before := q.Get("before")
	if _, ok := q["before"]; ok && !validID(before) {
		return unhunch.E(unhunch.EInvalid, message.WebBadSessionID, before)
	}
	return s.journalPage(w, r, "history?before="+before, "history", func() (page, time.Time, error) {
		list, err := s.st.Sessions(r.Context(), journal.Filter{Limit: historyPageSize + 1, Before: before})
		if err != nil {
			return page{}, time.Time{}, err
		}
		names := map[string]string{}
		for _, e := range s.catalog().Exercises() {
			names[e.ID] = e.Name
		}
		d := historyData{Sessions: list, Names: names}
		if len(list) > historyPageSize {
			d.Sessions = list[:historyPageSize]
			d.Older = "/history?" + query("before", list[historyPageSize-1].ID)
		}
		tr, err := person.LoadTrend(r.Context(), s.st, s.cfg.Location)
		if err != nil {
			return page{}, time.Time{}, err
		}
		d.Advice = person.TrendAdvice(tr)
		return page{Title: message.Text(message.WebTitleHistory), Nav: "history", Data: d}, time.Time{}, nil
	})
}

// progressData is the progress page.
type progressData struct {
	Doc      api.Progress
	Pain     painChart
	Calendar calendarChart
	Change   string
}

func (s *Server) progressPage(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	return s.journalPage(w, r, "progress", "progress", func() (page, time.Time, error) {
		doc, err := s.progressDoc(r)
		if err != nil {
			return page{}, time.Time{}, err
		}
		return page{Title: message.Text(message.WebTitleProgress), Nav: "progress", Data: progressPageData(doc)}, time.Time{}, nil
	})
}

// progressPageData is what the progress page shows of a progress document.
func progressPageData(doc api.Progress) progressData {
	d := progressData{Doc: doc, Pain: newPainChart(doc.Pain, 340, 190), Calendar: newCalendarChart(doc.Adherence, doc.Today)}
	if len(doc.Pain.Weeks) > 0 {
		p := doc.Pain
		switch {
		case p.Latest < p.Baseline && p.Meaningful:
			d.Change = message.Text(message.ProgressBetter, p.Baseline, p.Latest, p.Baseline-p.Latest)
		case p.Latest > p.Baseline && p.Meaningful:
			d.Change = message.Text(message.ProgressWorse, p.Baseline, p.Latest, p.Latest-p.Baseline)
		default:
			d.Change = message.Text(message.ProgressSame, p.Baseline, p.Latest)
		}
	}
	return d
}
