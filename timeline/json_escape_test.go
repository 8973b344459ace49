package timeline_test

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/unhunch/unhunch/timeline"
)

// escapeRuneByRune is how the timeline escaped its words before runs of
// plain characters were copied whole: the reference the faster code must
// match byte for byte (the CLI writes the timeline's bytes as they are).
func escapeRuneByRune(s string) []byte {
	const hex = "0123456789abcdef"
	b := []byte{'"'}
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r < 0x20 || r == 0x2028 || r == 0x2029 || r == '<' || r == '>' || r == '&':
			b = append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
		case r == utf8.RuneError:
			b = append(b, `\ufffd`...)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}

// FuzzSegmentEscaping: a segment's words are escaped exactly as before.
func FuzzSegmentEscaping(f *testing.F) {
	for _, s := range []string{"", "Hold \"it\"", "<>&\u2028\u2029", "\xff\xfe\ufffd", "\t\n\x00\x7f", `\`, "é漢字🙂 right"} {
		f.Add(s, "pose "+s)
	}
	f.Fuzz(func(t *testing.T, cue, pose string) {
		got, _ := timeline.Segment{ExerciseID: pose, Phase: timeline.Move, Pose: pose, Cue: cue}.MarshalJSON()
		want := []byte(`{"start_ms":0,"duration_ms":0,"exercise_index":0,"exercise_id":`)
		want = append(want, escapeRuneByRune(pose)...)
		want = append(want, `,"phase":"move","side":"","set":0,"rep":0`...)
		if pose != "" {
			want = append(want, `,"pose":`...)
			want = append(want, escapeRuneByRune(pose)...)
		}
		want = append(want, `,"cue":`...)
		want = append(want, escapeRuneByRune(cue)...)
		want = append(want, '}')
		if !bytes.Equal(got, want) {
			t.Errorf("cue %q, pose %q:\n got %s\nwant %s", cue, pose, got, want)
		}
	})
}
