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
	"github.com/unhunch/unhunch/catalog"
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
}

// loadPages parses the layout and every page under templates/.
func loadPages(assets *assetSet) (*pageSet, error) {
	funcs := template.FuncMap{
		"t": func(k string, args ...any) string { return message.Text(message.Key(k), args...) },
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
				out = append(out, figureLink{URL: figureURL(e, p, ""), Position: message.Text(message.Key("position." + string(p)))})
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
		"words":    func(prefix, id string) string { return message.Text(message.Key(prefix + id)) },
		"split":    strings.Split,
		"inc":      func(i int) int { return i + 1 },
		"abs":      math.Abs,
		// beyond is how far seconds d reach past a time box of box seconds
		// (negative when inside it).
		"beyond": func(d float64, box int) float64 { return d - float64(box) },
		"deref": func(p *int) int {
			if p == nil {
				return -1
			}
			return *p
		},
		"startDose": func(e *catalog.Exercise) dose.Amount { return e.Dose.Start() },
		"done":      func(s *journal.Session) int { return s.Done() },
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

// pageCSP is every page's Content-Security-Policy: nothing from another host.
var pageCSP = []string{"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"}

// writePage sends a rendered page with its security headers.
func writePage(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "no-cache")
	h["Content-Security-Policy"] = pageCSP // nosniff and the rest: setSecurityHeaders
	w.WriteHeader(status)
	w.Write(b)
}

// journalEntry is a page built from the journal, kept until the journal or
// the day changes, or until a moment the page itself named (a screening
// running out).
type journalEntry struct {
	version int64
	day     string
	until   time.Time // zero: no moment of its own
	body    []byte
}

// journalPage serves a page built from the journal: it is rebuilt only when
// the journal's version (one small read) or the local day has moved since it
// was last built, so every server instance stays right without keeping any
// person's state that another instance would need. build returns the page
// and, if its content expires at a moment of its own, that moment.
func (s *Server) journalPage(w http.ResponseWriter, r *http.Request, key, name string, build func() (page, time.Time, error)) error {
	v, err := s.version(r)
	if err != nil {
		return err
	}
	now := s.now()
	day := now.In(s.cfg.Location).Format("2006-01-02")
	if e, ok := s.journalPages.Load(key); ok {
		je := e.(journalEntry)
		if je.version == v && je.day == day && (je.until.IsZero() || now.Before(je.until)) {
			writePage(w, http.StatusOK, je.body)
			return nil
		}
	}
	p, until, err := build()
	if err != nil {
		return err
	}
	b, err := s.renderBytes(name, p)
	if err != nil {
		return err
	}
	s.journalPages.Store(key, journalEntry{version: v, day: day, until: until, body: b})
	writePage(w, http.StatusOK, b)
	return nil
}

// versionTTL is how long the journal's version read by one request serves
// the next ones, unless this server wrote in between: its own writes show at
// once; another instance's show within this long.
const versionTTL = 20 * time.Millisecond

// versionRead is the journal version as last read.
type versionRead struct {
	v      int64
	at     time.Time // monotonic, when it was read
	writes uint64    // the store's LocalWrites when it was read
}

// version returns the journal's version, read again only when the last read
// is older than versionTTL or this server has written since.
func (s *Server) version(r *http.Request) (int64, error) {
	if last := s.lastVersion.Load(); last != nil && time.Since(last.at) < versionTTL && last.writes == s.st.LocalWrites() {
		return last.v, nil
	}
	writes := s.st.LocalWrites()
	v, err := s.st.Version(r.Context())
	if err != nil {
		return 0, err
	}
	s.lastVersion.Store(&versionRead{v: v, at: time.Now(), writes: writes})
	return v, nil
}

// catalogPage serves a page that depends only on the catalog, which does
// not change while the server runs: it is rendered once, on first request,
// and its bytes served after (template execution was nine tenths of the
// cost of these pages).
func (s *Server) catalogPage(w http.ResponseWriter, key, name string, build func() (page, error)) error {
	if b, ok := s.rendered.Load(key); ok {
		writePage(w, http.StatusOK, b.([]byte))
		return nil
	}
	p, err := build()
	if err != nil {
		return err
	}
	b, err := s.renderBytes(name, p)
	if err != nil {
		return err
	}
	s.rendered.Store(key, b)
	writePage(w, http.StatusOK, b)
	return nil
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
			return invalid(message.WebTooLarge, MaxBody>>20)
		}
		return invalid(message.WebBadForm, err)
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
