package cli

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/figure"
	"github.com/unhunch/unhunch/message"
)

// figureOptions are --svg's companions: the width in pixels and the
// position to draw the exercise in.
type figureOptions struct {
	size     float64
	sizeSet  bool
	position string
}

// subject checks the options against the exercise and returns what to draw.
func (o figureOptions) subject(e *catalog.Exercise) (figure.Subject, error) {
	if o.sizeSet && (!(o.size >= figure.MinWidth) || o.size > figure.MaxWidth) {
		return figure.Subject{}, unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.CLISVGBadSize, o.size))
	}
	p := catalog.Position(o.position)
	if p != "" && !slices.Contains(e.Positions, p) {
		names := make([]string, len(e.Positions))
		for i, q := range e.Positions {
			names[i] = string(q)
		}
		return figure.Subject{}, unhunch.Errorf(unhunch.ENotFound, "%s", message.Text(message.CLISVGNoPosition, e.ID, o.position, strings.Join(names, ", ")))
	}
	return e.FigureFor(p), nil
}

// writeFigure writes an exercise's figure as SVG to file ("-" for stdout):
// the animation, or the still of one keyframe when frame is set, in the
// position and at the width the options ask for.
func (a *app) writeFigure(e *catalog.Exercise, file, frame string, asJSON bool, opts figureOptions) error {
	switch {
	case file == "" && frame != "":
		return unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.CLISVGFrameNoFile))
	case file == "" && opts.sizeSet:
		return unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.CLISVGNeedsSVG, "--size"))
	case file == "":
		return unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.CLISVGNeedsSVG, "--position"))
	case asJSON:
		return unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.CLISVGWithJSON))
	}
	s, err := opts.subject(e)
	if err != nil {
		return err
	}
	if s.Illustration == nil {
		return unhunch.Errorf(unhunch.ENotFound, "%s", message.Text(message.CLISVGNone, e.ID))
	}
	var svg []byte
	what := ""
	if frame != "" {
		if s.Illustration.Keyframe(frame) < 0 {
			return unhunch.Errorf(unhunch.ENotFound, "%s", message.Text(message.CLISVGNoFrame, e.ID, frame, strings.Join(s.Illustration.Names(), ", ")))
		}
		svg, err = figure.StillAt(s, frame, opts.size)
		what = message.Text(message.CLISVGStill, frame)
	} else {
		var m *figure.Motion
		if m, err = figure.NewMotion(s); err == nil {
			svg, err = figure.AnimatedAt(s, opts.size)
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
