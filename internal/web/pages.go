package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/clinic"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
	"github.com/unhunch/unhunch/timeline"
)

// messageNoAsset is the message for an unknown asset URL.
const messageNoAsset = message.WebNoAsset

// pageSet holds each page's template, parsed with the shared layout.
type pageSet struct {
	pages map[string]*template.Template
}

// figureLink is one of an exercise's figures on its page.
type figureLink struct {
	URL      string
	Position string // in words
}

// page is what every page's template gets.
type page struct {
	Title   string
	Nav     string // which navigation entry is current
	Assets  *assetSet
	Scale   float64
	Data    any
	Message string // a notice at the top of the page
	// User is who is signed in, shown with a way to sign out; nil without
	// accounts.
	User *account.User
}

// loadPages parses the layout and every page under templates/; c gives
// the names and needs of the exercises the pages mention.
func loadPages(assets *assetSet, cat func() *catalog.Catalog) (*pageSet, error) {
	funcs := template.FuncMap{
		// t, n and words take their keys as constants in the template: a
		// test (TestTemplateWords) checks that each has its text, or names a
		// family; another (TestTemplatesHaveNoWords) that the templates
		// hold no words of their own.
		"t": func(k message.Key, args ...any) string { return message.Text(k, args...) },
		// n says a number of things with the message table's plural forms.
		"n": func(count int, one, many message.Key) string { return message.Count(count, one, many) },
		// join lists words: "a, b, c".
		"join": func(list []string) string { return strings.Join(list, message.Text(message.PageListSep)) },
		// name is an exercise's name, names those of a list of ids.
		"name":  func(id string) string { return exerciseName(cat(), id) },
		"names": func(ids []string) string { return exerciseNames(cat(), ids) },
		// startDose describes an exercise's starting dose, to show beside
		// the person's own.
		"startDose": func(id string) string {
			if e, ok := cat().Exercise(id); ok {
				return e.Dose.Describe(e.Dose.Start())
			}
			return ""
		},
		// needs says what the exercises of a routine need, in words.
		"needs":     func(list []api.RoutineExercise) string { return needsWords(cat(), routineExerciseIDs(list)) },
		"positions": positionsWords,
		"equipment": exerciseEquipmentWords,
		// poster is the URL of the still that shows an exercise best: the
		// shape it reaches (its last keyframe); "" when it has no figure.
		"poster": func(e *catalog.Exercise) string {
			f := api.Frames(e, "")
			if len(f) == 0 {
				return ""
			}
			return figureURL(e, "", f[len(f)-1])
		},
		// figures lists an exercise's figures, one for each position that
		// has its own: the animation's URL and the position's words.
		"figures": func(e *catalog.Exercise) []figureLink {
			var out []figureLink
			for _, p := range e.FigurePositions() {
				out = append(out, figureLink{URL: figureURL(e, p, ""), Position: message.PositionWords.Text(string(p))})
			}
			return out
		},
		"asset": assets.URL,
		"clock": func(seconds float64) string { return timeline.String(time.Duration(seconds * float64(time.Second))) },
		"dur":   func(d time.Duration) string { return timeline.String(d) },
		"date":  func(t time.Time) string { return t.Local().Format("Mon 2 Jan 2006, 15:04") },
		"day":   func(t time.Time) string { return t.Format("2 Jan") },
		"json": func(v any) (template.JS, error) {
			b, err := json.Marshal(v)
			return template.JS(b), err
		},
		"describe": func(e *catalog.Exercise) string { return e.Dose.Describe(e.Dose.Start()) },
		// outcome says what a screening's outcome means to a clinician.
		"outcome": clinic.OutcomeWords,
		// dose describes an amount of the exercise with id.
		"dose": func(id string, a dose.Amount) string {
			if e, ok := cat().Exercise(id); ok {
				return e.Dose.Describe(a)
			}
			return ""
		},
		"words": func(f message.Family, id string) string { return f.Text(id) },
		"split": strings.Split,
		"inc":   func(i int) int { return i + 1 },
		"abs":   math.Abs,
		// beyond is how far seconds d reach past a time box of box seconds
		// (negative when inside it).
		"beyond": func(d float64, box int) float64 { return d - float64(box) },
		"deref": func(p *int) int {
			if p == nil {
				return -1
			}
			return *p
		},
		"done": func(s *journal.Session) int { return s.Done() },
	}
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(files, "templates/layout.html", "templates/_*.html")
	if err != nil {
		return nil, unhunch.Errorf(unhunch.EInternal, "web: parse layout: %w", err)
	}
	names, err := fs.Glob(files, "templates/*.html")
	if err != nil {
		return nil, unhunch.Errorf(unhunch.EInternal, "web: list templates: %w", err)
	}
	set := &pageSet{pages: map[string]*template.Template{}}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || strings.HasPrefix(base, "_") {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(files, n)
		if err != nil {
			return nil, unhunch.Errorf(unhunch.EInternal, "web: parse %s: %w", n, err)
		}
		set.pages[base] = t
	}
	return set, nil
}

// render writes a page: the whole of it or, on a template error, nothing
// but an error.
func (s *Server) render(w http.ResponseWriter, status int, name string, p page) error {
	if p.User == nil {
		p.User = callerOf(w)
	}
	b, err := s.renderBytes(name, p)
	if err != nil {
		return err
	}
	writePage(w, status, b)
	return nil
}

// renderBytes executes a page's template.
func (s *Server) renderBytes(name string, p page) ([]byte, error) {
	t, ok := s.pages.pages[name]
	if !ok {
		return nil, unhunch.Errorf(unhunch.EInternal, "web: no page %s", name)
	}
	p.Assets, p.Scale = s.assets, s.cfg.TimeScale
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", p); err != nil {
		return nil, unhunch.Errorf(unhunch.EInternal, "web: render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// pageBody executes a page's template into a body to keep.
func (s *Server) pageBody(name string, p page) (*body, error) {
	b, err := s.renderBytes(name, p)
	if err != nil {
		return nil, err
	}
	return newBody(htmlType, b), nil
}

// pageCSP is every page's Content-Security-Policy: nothing from another host.
// Styles fall back to default-src 'self', so they need no directive of
// their own (18 bytes that took /settings past one 4 KB write;
// TestPagesInOneWrite); script-src 'self' says the same of scripts and is
// kept, so that the policy names it where audits look for it.
// base-uri, form-action and frame-ancestors do not fall back to default-src.
var pageCSP = []string{"default-src 'self'; img-src 'self' data:; script-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"}

// writePage sends a rendered page with its security headers.
func writePage(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h.Set("Content-Type", htmlType)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	if h.Get("Cache-Control") == "" { // a page may ask for no-store
		h.Set("Cache-Control", "no-cache")
	}
	h["Content-Security-Policy"] = pageCSP // nosniff and the rest: setSecurityHeaders
	w.WriteHeader(status)
	w.Write(b)
}

// journalPage serves a page built from the journal, kept by the journal
// cache (newCaches gives its rule). build returns the page and, if its
// content expires at a moment of its own, that moment.
func (s *Server) journalPage(w http.ResponseWriter, r *http.Request, key, name string, build func() (page, time.Time, error)) error {
	u := signedInUser(r)
	bd, err := s.journalBody(r, userKey(u, key), func() (*body, time.Time, error) {
		p, until, err := build()
		if err != nil {
			return nil, until, err
		}
		p.User = u
		bd, err := s.pageBody(name, p)
		return bd, until, err
	})
	if err != nil {
		return err
	}
	servePage(w, r, bd)
	return nil
}

// journalBody returns the body kept at key by the journal cache, made again
// with build when it no longer holds.
func (s *Server) journalBody(r *http.Request, key string, build func() (*body, time.Time, error)) (*body, error) {
	return s.journalBodyAt(r, s.personCatalogKey(r.Context(), key), build)
}

// journalBodyAt is journalBody with the whole key made already: the
// person's, with the catalog's generation (personKey of catalogKey).
func (s *Server) journalBodyAt(r *http.Request, key string, build func() (*body, time.Time, error)) (*body, error) {
	now, err := s.journalStampNow(r)
	if err != nil {
		return nil, err
	}
	return s.cache.journal.get(key, now, func() (*body, journalStamp, error) {
		bd, until, err := build()
		stamp := now
		stamp.until = until
		return bd, stamp, err
	})
}

// journalJSON answers with the JSON document kept at key by the journal
// cache, made again with build when it no longer holds.
func (s *Server) journalJSON(w http.ResponseWriter, r *http.Request, key string, build func() (any, time.Time, error)) error {
	bd, err := s.journalBody(r, key, func() (*body, time.Time, error) {
		v, until, err := build()
		if err != nil {
			return nil, until, err
		}
		bd, err := jsonBody(v)
		return bd, until, err
	})
	if err != nil {
		return err
	}
	bd.serve(w, r, http.StatusOK, "no-cache")
	return nil
}

// catalogPage serves a page that depends only on the catalog, kept by the
// catalog cache: it is rendered once, on first request, and its bytes
// served after (template execution was nine tenths of the cost of these
// pages).
func (s *Server) catalogPage(w http.ResponseWriter, r *http.Request, key, name string, build func() (page, error)) error {
	u := signedInUser(r)
	bd, err := s.cache.catalog.get(s.catalogKey(userKey(u, key)), none{}, forever(func() (*body, error) {
		p, err := build()
		if err != nil {
			return nil, err
		}
		p.User = u
		return s.pageBody(name, p)
	}))
	if err != nil {
		return err
	}
	servePage(w, r, bd)
	return nil
}

// catalogJSON answers with the JSON document kept at key by the catalog
// cache: made once, from the catalog alone, and served as bytes after.
func (s *Server) catalogJSON(w http.ResponseWriter, r *http.Request, key string, build func() (any, error)) error {
	bd, err := s.cache.catalog.get(s.catalogKey(key), none{}, forever(func() (*body, error) {
		v, err := build()
		if err != nil {
			return nil, err
		}
		return jsonBody(v)
	}))
	if err != nil {
		return err
	}
	bd.serve(w, r, http.StatusOK, "no-cache")
	return nil
}

// htmlType is the Content-Type of pages.
const htmlType = "text/html; charset=utf-8"

// servePage sends a kept page with its security headers.
func servePage(w http.ResponseWriter, r *http.Request, bd *body) {
	w.Header()["Content-Security-Policy"] = pageCSP // nosniff and the rest: setSecurityHeaders
	bd.serve(w, r, http.StatusOK, "no-cache")
}

// errorPage shows an error as a page with what to do.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, err error) {
	msg := err.Error()
	if unhunch.ErrorCode(err) == unhunch.EInternal {
		msg = message.Text(message.WebInternal)
	}
	if rerr := s.render(w, status, "error", page{Title: message.Text(message.WebErrorTitle), Data: map[string]any{"Status": status, "Message": msg}}); rerr != nil {
		http.Error(w, msg, status)
	}
}

// seeOther redirects after a form was handled.
func seeOther(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// form parses a posted form, refusing an oversized one.
func form(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return unhunch.E(unhunch.EInvalid, message.WebTooLarge, MaxBody>>20)
		}
		return unhunch.E(unhunch.EInvalid, message.WebBadForm, err)
	}
	return nil
}

// manifest is the installable web app's manifest.
func (s *Server) manifest(w http.ResponseWriter, r *http.Request) error {
	doc := map[string]any{
		"name": message.Text(message.WebAppName), "short_name": "unhunch",
		"description": message.Text(message.WebAppDescription),
		"start_url":   "/", "scope": "/", "display": "standalone",
		"background_color": "#fbfaf7", "theme_color": "#1f5f5b",
		"icons": []map[string]string{
			{"src": s.assets.URL("icon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
		},
	}
	w.Header().Set("Content-Type", "application/manifest+json")
	w.Header().Set("Cache-Control", "no-cache")
	return json.NewEncoder(w).Encode(doc)
}

// query builds a query string from pairs.
func query(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	return v.Encode()
}
