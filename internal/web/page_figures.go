package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/figure"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/message"
)

// figureRoutes serve each exercise's figure: the animation, a still per
// keyframe, and the contact sheet of them all for review (issue 8).
func (s *Server) figureRoutes() []route {
	return []route{
		{"GET", "/exercises/illustrations", s.contactSheet, nil},
		{"GET", "/exercises/{id}/figure.svg", s.figureAnimated, eachFigure},
		{"GET", "/exercises/{id}/frames/{frame}", s.figureStill, eachFrame},
	}
}

// eachFigure keeps the animated figure of every exercise that has one, so
// the player shows it offline.
func eachFigure(s *Server, pattern string) []string {
	var out []string
	for _, e := range s.cat.Exercises() {
		if len(figureFrames(e)) > 0 {
			out = append(out, strings.Replace(pattern, "{id}", e.ID, 1))
		}
	}
	return out
}

// eachFrame keeps every still of every exercise's figure.
func eachFrame(s *Server, pattern string) []string {
	var out []string
	for _, e := range s.cat.Exercises() {
		for _, f := range figureFrames(e) {
			out = append(out, strings.NewReplacer("{id}", e.ID, "{frame}", f+".svg").Replace(pattern))
		}
	}
	return out
}

// subject is an exercise as the figure package draws it.
func subject(e *catalog.Exercise) figure.Subject {
	return figure.Subject{ID: e.ID, Name: e.Name, Illustration: e.Illustration, Dose: e.Dose}
}

// figureFrames lists the keyframe names of an exercise's figure, in order.
func figureFrames(e *catalog.Exercise) []string { return api.Frames(e) }

// svgCSP lets a figure's own stylesheet (its animation) run and nothing else.
const svgCSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"

// writeSVG sends a figure; the catalog does not change while the server
// runs, so browsers may keep it for a day.
func writeSVG(w http.ResponseWriter, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "image/svg+xml")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "public, max-age=86400")
	h.Set("Content-Security-Policy", svgCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write(b)
}

// cachedFigure draws a figure once and keeps its bytes (the catalog cache).
func (s *Server) cachedFigure(key string, draw func() ([]byte, error)) ([]byte, error) {
	return s.cache.catalog.get(key, none{}, forever(draw))
}

// figureError turns the figure package's errors into coded ones.
func figureError(e *catalog.Exercise, frame string, err error) error {
	switch {
	case errors.Is(err, figure.ErrNoIllustration):
		return unhunch.E(unhunch.ENotFound, message.WebNoFigure, e.ID)
	case errors.Is(err, figure.ErrNoKeyframe):
		return unhunch.E(unhunch.ENotFound, message.WebNoFrame, e.ID, frame, figureFrames(e))
	}
	return unhunch.Errorf(unhunch.EInternal, "web: draw %s: %w", e.ID, err)
}

func (s *Server) figureAnimated(w http.ResponseWriter, r *http.Request) error {
	e, err := s.exercise(r.PathValue("id"))
	if err != nil {
		return err
	}
	b, err := s.cachedFigure("figure/"+e.ID, func() ([]byte, error) { return figure.Animated(subject(e)) })
	if err != nil {
		return figureError(e, "", err)
	}
	writeSVG(w, b)
	return nil
}

func (s *Server) figureStill(w http.ResponseWriter, r *http.Request) error {
	e, err := s.exercise(r.PathValue("id"))
	if err != nil {
		return err
	}
	frame := r.PathValue("frame")
	name, ok := stripSVG(frame)
	if !ok {
		return unhunch.E(unhunch.ENotFound, message.WebNoFrame, e.ID, frame, figureFrames(e))
	}
	b, err := s.cachedFigure("frame/"+e.ID+"/"+name, func() ([]byte, error) { return figure.Still(subject(e), name) })
	if err != nil {
		return figureError(e, name, err)
	}
	writeSVG(w, b)
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

// contactSheet shows every exercise's figure for review. It is a page of its
// own, with its own inline stylesheet, drawn once.
func (s *Server) contactSheet(w http.ResponseWriter, r *http.Request) error {
	b, err := s.cachedFigure("contact-sheet", func() ([]byte, error) {
		var subjects []figure.Subject
		for _, e := range s.cat.Exercises() {
			subjects = append(subjects, subject(e))
		}
		return figure.ContactSheet(subjects), nil
	})
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write(b)
	return nil
}
