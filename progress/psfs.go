package progress

import (
	"sort"
	"time"
)

// The Patient-Specific Functional Scale (free to use): the person names 3–5
// activities their back makes hard and rates each 0 (unable) to 10 (able as
// before), every two weeks.
const (
	PSFSMin      = 3
	PSFSMax      = 5
	PSFSInterval = 14 * 24 * time.Hour
	// PSFSMeaningful is the change in an activity's score that counts as
	// meaningful (about 2 points on the PSFS, Stratford et al. 1995).
	PSFSMeaningful = 2
)

// PSFSRating is one activity's score at one time.
type PSFSRating struct {
	At       time.Time `json:"at"`
	Activity string    `json:"activity"`
	Score    int       `json:"score"`
}

// PSFSActivity is one activity's first and latest score.
type PSFSActivity struct {
	Activity   string    `json:"activity"`
	First      int       `json:"first"`
	Latest     int       `json:"latest"`
	LatestAt   time.Time `json:"latest_at"`
	Meaningful bool      `json:"meaningful"` // improved or worsened by 2 points or more
}

// PSFS summarises the scale: each activity, when it was last rated, and
// whether a new rating is due.
type PSFS struct {
	Activities []PSFSActivity `json:"activities"`
	Last       time.Time      `json:"last"`
	Due        bool           `json:"due"`
}

// SummarisePSFS reads every rating (any order) at now.
func SummarisePSFS(ratings []PSFSRating, now time.Time) PSFS {
	sorted := append([]PSFSRating(nil), ratings...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].At.Before(sorted[j].At) })
	by := map[string]*PSFSActivity{}
	var order []string
	var p PSFS
	for _, r := range sorted {
		a := by[r.Activity]
		if a == nil {
			a = &PSFSActivity{Activity: r.Activity, First: r.Score}
			by[r.Activity] = a
			order = append(order, r.Activity)
		}
		a.Latest, a.LatestAt = r.Score, r.At
		d := a.Latest - a.First
		a.Meaningful = d >= PSFSMeaningful || d <= -PSFSMeaningful
		if r.At.After(p.Last) {
			p.Last = r.At
		}
	}
	acts := []PSFSActivity{}
	for _, name := range order {
		acts = append(acts, *by[name])
	}
	return PSFSOf(acts, p.Last, now)
}

// PSFSOf is the scale's summary from each activity's first and latest score
// (in the order first rated, as the journal keeps them) and when it was
// last rated (zero: never), at now.
func PSFSOf(activities []PSFSActivity, last, now time.Time) PSFS {
	p := PSFS{Activities: []PSFSActivity{}, Last: last}
	for _, a := range activities {
		d := a.Latest - a.First
		a.Meaningful = d >= PSFSMeaningful || d <= -PSFSMeaningful
		p.Activities = append(p.Activities, a)
	}
	p.Due = len(activities) > 0 && now.Sub(last) >= PSFSInterval
	return p
}
