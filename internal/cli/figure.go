package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/figure"
	"github.com/unhunch/unhunch/message"
)

// writeFigure writes an exercise's figure as SVG to file ("-" for stdout):
// the animation, or the still of one keyframe when frame is set.
func (a *app) writeFigure(e *catalog.Exercise, file, frame string, asJSON bool) error {
	switch {
	case file == "":
		return unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.CLISVGFrameNoFile))
	case asJSON:
		return unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.CLISVGWithJSON))
	case e.Illustration == nil:
		return unhunch.Errorf(unhunch.ENotFound, "%s", message.Text(message.CLISVGNone, e.ID))
	}
	var svg []byte
	var err error
	what := ""
	if frame != "" {
		if e.Illustration.Keyframe(frame) < 0 {
			names := make([]string, len(e.Illustration.Keyframes))
			for i, k := range e.Illustration.Keyframes {
				names[i] = k.Name
			}
			return unhunch.Errorf(unhunch.ENotFound, "%s", message.Text(message.CLISVGNoFrame, e.ID, frame, strings.Join(names, ", ")))
		}
		svg, err = figure.Still(e.Figure(), frame)
		what = message.Text(message.CLISVGStill, frame)
	} else {
		var m *figure.Motion
		if m, err = figure.NewMotion(e.Figure()); err == nil {
			svg, err = figure.Animated(e.Figure())
			what = message.Text(message.CLISVGAnimated, fmt.Sprintf("%.3g", m.Duration()))
		}
	}
	if err != nil {
		// Illustrations are checked when the catalog loads, so this is a bug.
		return unhunch.Errorf(unhunch.EInternal, "%s", message.Text(message.CLISVGCannotDraw, e.ID, err))
	}
	if file == "-" {
		_, err := a.env.Stdout.Write(svg)
		return err
	}
	if info, err := os.Stat(file); err == nil && info.IsDir() {
		return unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.CLISVGIsDir, file))
	}
	if err := os.WriteFile(file, svg, 0o644); err != nil {
		return unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.CLISVGWriteFailed, file, err))
	}
	fmt.Fprintln(a.env.Stdout, message.Text(message.CLISVGWritten, file, what))
	return nil
}
