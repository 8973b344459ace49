package cli

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/timeline"
)

// writeTimelineJSON is writeJSON for a document v (a pointer) whose
// timeline is *tl, a field of it. Off a terminal it writes the same bytes
// as writeJSON, but the timeline (most of them) straight from its own
// encoder: encoding/json checks and compacts every Marshaler's output
// byte by byte, which cost `routines show --json` about a sixth of its
// instructions (issue 16, start-up). At a terminal, where the output is
// indented, it is writeJSON.
func writeTimelineJSON(w io.Writer, v any, tl *timeline.Segments) error {
	if isTerminal(w) {
		return writeJSON(w, v)
	}
	segs := *tl
	*tl = nil // encodes as []
	doc, err := json.Marshal(v)
	*tl = segs
	if err != nil {
		return outputError(message.Text(message.CLIWhatOutput), err)
	}
	// A JSON string escapes its quotes, so these bytes can only be the
	// key and its value; anywhere else, or twice, take the long way.
	key := []byte(`"timeline":[]`)
	i := bytes.Index(doc, key)
	if i < 0 || bytes.Count(doc, key) != 1 {
		return writeJSON(w, v)
	}
	raw, err := segs.MarshalJSON()
	if err != nil {
		return outputError(message.Text(message.CLIWhatOutput), err)
	}
	out := make([]byte, 0, len(doc)+len(raw)+8)
	out = append(out, doc[:i+len(key)-2]...)
	out = append(out, raw...) // escaped as encoding/json would (timeline.Segments)
	out = append(out, doc[i+len(key):]...)
	out = append(out, '\n')
	if _, err := w.Write(out); err != nil {
		return outputError(message.Text(message.CLIWhatOutput), err)
	}
	return nil
}

// writeRoutineJSON is writeJSON for `routines show --json`. Off a terminal
// it writes the same bytes from the document's own encoder
// (api.Routine.AppendJSON): building encoding/json's encoders for the
// document's types by reflection was about 0.4 M instructions of every
// start (issue 16). At a terminal, where the output is indented, it is
// writeJSON.
func writeRoutineJSON(w io.Writer, shown *shownRoutine) error {
	if isTerminal(w) {
		return writeJSON(w, shown)
	}
	out, err := shown.appendJSON(make([]byte, 0, 64<<10))
	if err != nil {
		return outputError(message.Text(message.CLIWhatOutput), err)
	}
	if _, err := w.Write(append(out, '\n')); err != nil {
		return outputError(message.Text(message.CLIWhatOutput), err)
	}
	return nil
}

// appendJSON appends the document as json.Marshal writes it: the routine's
// fields, then the exercises left out and why.
func (s *shownRoutine) appendJSON(b []byte) ([]byte, error) {
	b, err := s.Routine.AppendJSON(b)
	if err != nil {
		return b, err
	}
	b = b[:len(b)-1] // the routine's closing brace: the fields below are the document's too
	b = append(b, `,"left_out":`...)
	b = appendJSONStrings(b, s.LeftOut)
	b = append(b, `,"left_out_why":`...)
	if s.LeftOutWhy == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, l := range s.LeftOutWhy {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			b = timeline.AppendJSONString(b, l.ID)
			b = append(b, `,"why":`...)
			b = timeline.AppendJSONString(b, string(l.Why))
			if len(l.Conditions) > 0 {
				b = append(b, `,"conditions":[`...)
				for k, c := range l.Conditions {
					if k > 0 {
						b = append(b, ',')
					}
					b = timeline.AppendJSONString(b, string(c))
				}
				b = append(b, ']')
			}
			if l.StopReason != "" {
				b = append(b, `,"stop_reason":`...)
				b = timeline.AppendJSONString(b, string(l.StopReason))
			}
			b = append(b, `,"words":`...)
			b = timeline.AppendJSONString(b, l.Words)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}'), nil
}

// appendJSONStrings appends a list of strings as encoding/json writes it
// (null when nil).
func appendJSONStrings(b []byte, list []string) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = timeline.AppendJSONString(b, s)
	}
	return append(b, ']')
}
