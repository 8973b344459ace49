package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
		return figure.Subject{}, unhunch.E(unhunch.EInvalid, message.CLISVGBadSize, o.size)
	}
	p := catalog.Position(o.position)
	if p != "" && !slices.Contains(e.Positions, p) {
		names := make([]string, len(e.Positions))
		for i, q := range e.Positions {
			names[i] = string(q)
		}
		return figure.Subject{}, unhunch.E(unhunch.ENotFound, message.CLISVGNoPosition, e.ID, o.position, strings.Join(names, ", "))
	}
	return e.FigureFor(p), nil
}

// writeFigure writes an exercise's figure as SVG to file ("-" for stdout):
// the animation, or the still of one keyframe when frame is set, in the
// position and at the width the options ask for. An existing file or symlink
// is replaced only with force.
func (a *app) writeFigure(e *catalog.Exercise, file, frame string, asJSON, force bool, opts figureOptions) error {
	switch {
	case file == "" && frame != "":
		return unhunch.E(unhunch.EInvalid, message.CLISVGFrameNoFile)
	case file == "" && force:
		return unhunch.E(unhunch.EInvalid, message.CLISVGForceAlone)
	case file == "" && opts.sizeSet:
		return unhunch.E(unhunch.EInvalid, message.CLISVGNeedsSVG, "--size")
	case file == "":
		return unhunch.E(unhunch.EInvalid, message.CLISVGNeedsSVG, "--position")
	case asJSON:
		return unhunch.E(unhunch.EInvalid, message.CLISVGWithJSON)
	}
	s, err := opts.subject(e)
	if err != nil {
		return err
	}
	if s.Illustration == nil {
		return unhunch.E(unhunch.ENotFound, message.CLISVGNone, e.ID)
	}
	var svg []byte
	what := ""
	if frame != "" {
		if s.Illustration.Keyframe(frame) < 0 {
			return unhunch.E(unhunch.ENotFound, message.CLISVGNoFrame, e.ID, frame, strings.Join(s.Illustration.Names(), ", "))
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
		return unhunch.E(unhunch.EInternal, message.CLISVGCannotDraw, e.ID, err)
	}
	if file == "-" {
		_, err := a.env.Stdout.Write(svg)
		return err
	}
	if info, err := os.Lstat(file); err == nil && info.IsDir() {
		return unhunch.E(unhunch.EInvalid, message.CLISVGIsDir, file)
	}
	if err := writeNew(file, svg, force); err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stdout, message.Text(message.CLISVGWritten, file, what))
	return nil
}

// writeNew writes data to file. Without force it creates the file and fails
// if anything (a file, a symlink, even a dangling one) is already there,
// so it never writes through a link; with force it writes a temporary file
// beside it and renames it into place, replacing a link rather than its target.
func writeNew(file string, data []byte, force bool) error {
	failed := func(err error) error {
		return unhunch.E(unhunch.EInvalid, message.CLISVGWriteFailed, file, err).Wrap(err)
	}
	if !force {
		f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return unhunch.E(unhunch.EConflict, message.CLISVGExists, file)
		}
		if err != nil {
			return failed(err)
		}
		_, werr := f.Write(data)
		if err := errors.Join(werr, f.Close()); err != nil {
			os.Remove(file)
			return outputError(file, err)
		}
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".unhunch-svg-*.tmp")
	if err != nil {
		return failed(err)
	}
	_, werr := tmp.Write(data)
	err = errors.Join(werr, tmp.Chmod(0o644), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return failed(err)
	}
	return nil
}
