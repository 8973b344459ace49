package web

import (
	"net/http"
	"time"

	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
)

// historyData is the history page.
type historyData struct {
	Sessions []*journal.Session
	Names    map[string]string
	Advice   string
}

func (s *Server) historyPage(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(r.URL.Query()); err != nil {
		return err
	}
	return s.journalPage(w, r, "history", "history", func() (page, time.Time, error) {
		list, err := s.st.Sessions(r.Context(), journalAll)
		if err != nil {
			return page{}, time.Time{}, err
		}
		names := map[string]string{}
		for _, e := range s.catalog().Exercises() {
			names[e.ID] = e.Name
		}
		d := historyData{Sessions: list, Names: names}
		doc, err := s.progressFor(r, list)
		if err != nil {
			return page{}, time.Time{}, err
		}
		d.Advice = doc.Advice
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
	if err := noQuery(r.URL.Query()); err != nil {
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
