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
