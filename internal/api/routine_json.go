package api

import (
	"fmt"
	"math"
	"strconv"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/timeline"
)

// AppendJSON appends the routine document as encoding/json writes it
// (json.Marshal: compact, with <, > and & escaped), written by hand: the
// reflection encoding/json does to build its encoders for these types cost
// `routines show --json` about 0.4 M instructions at every start (issue 16,
// start-up). TestRoutineAppendJSONAsMarshal holds the two to the same bytes;
// a field added to any of these types must be added here too.
func (r *Routine) AppendJSON(b []byte) ([]byte, error) {
	e := jsonAppender{b: b}
	e.raw(`{"id":`)
	e.str(r.ID)
	e.raw(`,"name":`)
	e.str(r.Name)
	e.raw(`,"description":`)
	e.str(r.Description)
	e.raw(`,"time_box_seconds":`)
	e.int(int64(r.TimeBoxSeconds))
	if r.TimeBoxLabel != "" {
		e.raw(`,"time_box_label":`)
		e.str(r.TimeBoxLabel)
	}
	if r.Frequency != "" {
		e.raw(`,"frequency":`)
		e.str(r.Frequency)
	}
	e.raw(`,"duration_seconds":`)
	e.float(r.DurationSeconds)
	e.raw(`,"origin":`)
	e.str(r.Origin)
	e.raw(`,"source":`)
	if r.Source == nil {
		e.raw("null")
	} else {
		e.raw("[")
		for i, s := range r.Source {
			if i > 0 {
				e.raw(",")
			}
			e.source(s)
		}
		e.raw("]")
	}
	e.raw(`,"exercises":`)
	if r.Exercises == nil {
		e.raw("null")
	} else {
		e.raw("[")
		for i := range r.Exercises {
			if i > 0 {
				e.raw(",")
			}
			e.exercise(&r.Exercises[i])
		}
		e.raw("]")
	}
	e.raw(`,"fit":`)
	e.fit(&r.Fit)
	e.raw(`,"timeline":`)
	tl, err := r.Timeline.MarshalJSON() // already compact and escaped as encoding/json escapes
	if err != nil {
		return b, err
	}
	e.b = append(e.b, tl...)
	e.raw("}")
	return e.b, e.err
}

// jsonAppender appends JSON values to b; err is the first value encoding/json
// would have refused (a float that is not finite).
type jsonAppender struct {
	b   []byte
	err error
}

func (e *jsonAppender) raw(s string) { e.b = append(e.b, s...) }

func (e *jsonAppender) str(s string) { e.b = timeline.AppendJSONString(e.b, s) }

func (e *jsonAppender) int(n int64) { e.b = strconv.AppendInt(e.b, n, 10) }

func (e *jsonAppender) bool(v bool) { e.b = strconv.AppendBool(e.b, v) }

// float is encoding/json's float64 encoder: like ES6's number to string,
// 'f' between 1e-6 and 1e21, else 'e' with a one-digit exponent unpadded.
func (e *jsonAppender) float(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		if e.err == nil {
			e.err = fmt.Errorf("json: unsupported value: %s", strconv.FormatFloat(f, 'g', -1, 64))
		}
		e.raw("null")
		return
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	e.b = strconv.AppendFloat(e.b, f, format, -1, 64)
	if format == 'e' {
		if n := len(e.b); n >= 4 && e.b[n-4] == 'e' && e.b[n-3] == '-' && e.b[n-2] == '0' {
			e.b[n-2] = e.b[n-1]
			e.b = e.b[:n-1]
		}
	}
}

// strs appends a list of strings (null when nil).
func (e *jsonAppender) strs(list []string) {
	if list == nil {
		e.raw("null")
		return
	}
	e.raw("[")
	for i, s := range list {
		if i > 0 {
			e.raw(",")
		}
		e.str(s)
	}
	e.raw("]")
}

func (e *jsonAppender) source(s catalog.Source) {
	e.raw(`{"seed":`)
	e.str(s.Seed)
	e.raw(`,"title":`)
	e.str(s.Title)
	if s.Item != 0 {
		e.raw(`,"item":`)
		e.int(int64(s.Item))
	}
	e.raw("}")
}

func (e *jsonAppender) amount(a *Amount) {
	e.raw(`{"mode":`)
	e.str(string(a.Mode))
	for _, f := range [...]struct {
		key string
		n   int
	}{{`,"reps":`, a.Reps}, {`,"hold_seconds":`, a.HoldSeconds}, {`,"hold_breaths":`, a.HoldBreaths}, {`,"seconds":`, a.Seconds}} {
		if f.n != 0 {
			e.raw(f.key)
			e.int(int64(f.n))
		}
	}
	e.raw(`,"sets":`)
	e.int(int64(a.Sets))
	e.raw(`,"sides":`)
	e.str(string(a.Sides))
	e.raw(`,"summary":`)
	e.str(a.Summary)
	e.raw("}")
}

func (e *jsonAppender) exercise(x *RoutineExercise) {
	e.raw(`{"id":`)
	e.str(x.ID)
	e.raw(`,"name":`)
	e.str(x.Name)
	e.raw(`,"position":`)
	e.str(string(x.Position))
	e.raw(`,"dose":`)
	e.amount(&x.Dose)
	e.raw(`,"start_ms":`)
	e.int(x.StartMS)
	e.raw(`,"duration_seconds":`)
	e.float(x.DurationSeconds)
	e.raw(`,"setup_seconds":`)
	e.float(x.SetupSeconds)
	e.raw(`,"round":`)
	e.int(int64(x.Round))
	if x.Level != nil {
		e.raw(`,"level":{"from":`)
		e.amount(&x.Level.From)
		e.raw(`,"why":`)
		e.str(x.Level.Why)
		e.raw(`,"at":`)
		at, err := x.Level.At.MarshalJSON() // what encoding/json writes: a quoted string, nothing to compact
		if err != nil && e.err == nil {
			e.err = err
		}
		e.b = append(e.b, at...)
		e.raw("}")
	}
	if x.Easier != "" {
		e.raw(`,"easier":`)
		e.str(x.Easier)
	}
	if len(x.Frames) > 0 {
		e.raw(`,"frames":`)
		e.strs(x.Frames)
	}
	if len(x.Pictures) > 0 {
		e.raw(`,"pictures":`)
		e.strs(x.Pictures)
	}
	e.raw("}")
}

func (e *jsonAppender) fit(f *FitReport) {
	e.raw(`{"fits":`)
	e.bool(f.Fits)
	e.raw(`,"verdict":`)
	e.str(string(f.Verdict))
	e.raw(`,"at_start":`)
	e.bool(f.AtStart)
	e.raw(`,"summary":`)
	e.str(f.Summary)
	e.raw(`,"spare_seconds":`)
	e.float(f.SpareSeconds)
	e.raw(`,"setup_seconds":`)
	e.float(f.SetupSeconds)
	if len(f.ReorderedIDs) > 0 {
		e.raw(`,"reordered_ids":`)
		e.strs(f.ReorderedIDs)
	}
	e.raw(`,"reordered_duration_seconds":`)
	e.float(f.ReorderedSeconds)
	e.raw(`,"start_dose_duration_seconds":`)
	e.float(f.StartDoseSeconds)
	e.raw(`,"target_dose_duration_seconds":`)
	e.float(f.TargetDoseSeconds)
	e.raw(`,"target_verdict":`)
	e.str(string(f.TargetVerdict))
	if len(f.DropSavings) > 0 {
		e.raw(`,"drop_savings":[`)
		for i, d := range f.DropSavings {
			if i > 0 {
				e.raw(",")
			}
			e.raw(`{"id":`)
			e.str(d.ID)
			e.raw(`,"saves_seconds":`)
			e.float(d.SavesSeconds)
			e.raw("}")
		}
		e.raw("]")
	}
	e.raw(`,"reorder_savings_seconds":`)
	e.float(f.ReorderSavingsSeconds)
	e.raw("}")
}
