package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/figure"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/message"
)

// figureRoutes serve each exercise's figure: the animation, a still per
// keyframe, and the contact sheet of them all for review. An exercise done
// in more than one position has a figure for each: ?position=seated picks
// it (the first position by default).
func (s *Server) figureRoutes() []route {
	return []route{
		{"GET", "/exercises/illustrations", s.contactSheet, nil},
		{"GET", "/exercises/{id}/figure.svg", s.figureAnimated, everyFigure},
		{"GET", "/exercises/{id}/frames/{frame}", s.figureStill, nil}, // everyFigure keeps the stills too
	}
}

// figureURL is where an exercise's figure in a position is served: the
// animation, or a still when frame is set. The exercise's first position
// needs no query.
func figureURL(e *catalog.Exercise, p catalog.Position, frame string) string {
	u := "/exercises/" + url.PathEscape(e.ID) + "/figure.svg"
	if frame != "" {
		u = "/exercises/" + url.PathEscape(e.ID) + "/frames/" + url.PathEscape(frame) + ".svg"
	}
	if p != "" && (len(e.Positions) == 0 || p != e.Positions[0]) {
		u += "?position=" + url.QueryEscape(string(p))
	}
	return u
}

// everyFigure keeps every figure of every exercise, animations and stills,
// in every position (figureURLs), so that the player shows them offline.
func everyFigure(s *Server, _ string) []string {
	var out []string
	for _, e := range s.catalog().Exercises() {
		out = append(out, figureURLs(e)...)
	}
	return out
}

// figureURLs lists every figure the web serves for an exercise, in every
// position: what the service worker keeps for the player offline. The
// player asks with the position named, the pages without.
func figureURLs(e *catalog.Exercise) []string {
	var out []string
	for _, p := range e.Positions {
		frames := api.Frames(e, p)
		if len(frames) == 0 {
			continue
		}
		q := "?position=" + url.QueryEscape(string(p))
		out = append(out, figureURL(e, "", "")+q)
		for _, f := range frames {
			out = append(out, figureURL(e, "", f)+q)
		}
		if p == e.Positions[0] {
			out = append(out, figureURL(e, "", ""))
			for _, f := range frames {
				out = append(out, figureURL(e, "", f))
			}
		}
	}
	return out
}

// figurePosition reads the position a figure is asked for: the exercise's
// first when none is named; one the exercise is not done in is not found.
func figurePosition(e *catalog.Exercise, r *http.Request) (catalog.Position, error) {
	q := params(r)
	if err := noQuery(q, "position"); err != nil {
		return "", err
	}
	p := catalog.Position(q.Get("position"))
	switch {
	case p == "" && len(e.Positions) > 0:
		return e.Positions[0], nil
	case !slices.Contains(e.Positions, p):
		return "", unhunch.E(unhunch.ENotFound, message.WebNoPosition, e.ID, p, positionList(e.Positions))
	}
	return p, nil
}

// positionList names positions for a message.
func positionList(ps []catalog.Position) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}

// svgType is the Content-Type of figures.
const svgType = "image/svg+xml"

// svgCSP lets a figure's own stylesheet (its animation) run and nothing else.
const svgCSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"

// writeSVG sends a figure; the catalog does not change while the server
// runs, so browsers may keep it for a day.
func writeSVG(w http.ResponseWriter, r *http.Request, bd *body) {
	w.Header().Set("Content-Security-Policy", svgCSP)
	bd.serve(w, r, http.StatusOK, "public, max-age=86400")
}

// cachedFigure draws a figure once and keeps it (the catalog cache).
func (s *Server) cachedFigure(key, typ string, draw func() ([]byte, error)) (*body, error) {
	return s.cache.catalog.get(s.catalogKey(key), none{}, forever(func() (*body, error) {
		b, err := draw()
		if err != nil {
			return nil, err
		}
		return newBody(typ, b), nil
	}))
}

// figureError turns the figure package's errors into coded ones.
func figureError(e *catalog.Exercise, p catalog.Position, frame string, err error) error {
	switch {
	case errors.Is(err, figure.ErrNoIllustration):
		return unhunch.E(unhunch.ENotFound, message.WebNoFigure, e.ID)
	case errors.Is(err, figure.ErrNoKeyframe):
		return unhunch.E(unhunch.ENotFound, message.WebNoFrame, e.ID, frame, api.Frames(e, p))
	}
	return unhunch.Errorf(unhunch.EInternal, "web: draw %s: %w", e.ID, err)
}

func (s *Server) figureAnimated(w http.ResponseWriter, r *http.Request) error {
	e, err := s.exercise(r.PathValue("id"))
	if err != nil {
		return err
	}
	p, err := figurePosition(e, r)
	if err != nil {
		return err
	}
	b, err := s.cachedFigure("figure/"+e.ID+"/"+string(p), svgType, func() ([]byte, error) { return figure.Animated(e.FigureFor(p)) })
	if err != nil {
		return figureError(e, p, "", err)
	}
	writeSVG(w, r, b)
	return nil
}

func (s *Server) figureStill(w http.ResponseWriter, r *http.Request) error {
	e, err := s.exercise(r.PathValue("id"))
	if err != nil {
		return err
	}
	p, err := figurePosition(e, r)
	if err != nil {
		return err
	}
	frame := r.PathValue("frame")
	name, ok := stripSVG(frame)
	if !ok {
		return unhunch.E(unhunch.ENotFound, message.WebNoFrame, e.ID, frame, api.Frames(e, p))
	}
	b, err := s.cachedFigure("frame/"+e.ID+"/"+string(p)+"/"+name, svgType, func() ([]byte, error) { return figure.Still(e.FigureFor(p), name) })
	if err != nil {
		return figureError(e, p, name, err)
	}
	writeSVG(w, r, b)
	return nil
}

// stripSVG removes the .svg ending a still's URL has.
func stripSVG(s string) (string, bool) {
	const ext = ".svg"
	if len(s) <= len(ext) || s[len(s)-len(ext):] != ext {
		return "", false
	}
	return s[:len(s)-len(ext)], true
}

// contactSheet shows every figure of every exercise, in every position that
// has its own, for review. It is a page of its own, with its own inline
// stylesheet, drawn once; the drawings are the figures served above, linked
// (issue 16: drawn inline they made a page of 957 KB, 66 KB gzipped).
func (s *Server) contactSheet(w http.ResponseWriter, r *http.Request) error {
	b, err := s.cachedFigure("contact-sheet", htmlType, func() ([]byte, error) {
		var subjects []figure.Subject
		var src []func(frame string) string
		for _, e := range s.catalog().Exercises() {
			ps := e.FigurePositions()
			if len(ps) == 0 {
				ps = []catalog.Position{""}
			}
			for _, p := range ps {
				subjects = append(subjects, e.FigureFor(p))
				src = append(src, func(frame string) string { return figureURL(e, p, frame) })
			}
		}
		return figure.ContactSheet(subjects, func(i int, frame string) string { return src[i](frame) }), nil
	})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'")
	b.serve(w, r, http.StatusOK, "no-cache")
	return nil
}
