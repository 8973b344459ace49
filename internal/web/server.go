// Package web is unhunch's web app and JSON API (`unhunch serve`, PRODUCT.md
// §7.5): html/template pages, vanilla JavaScript and CSS embedded in the
// binary, a player that plays the timeline the server compiled, and a
// versioned JSON API under /api/v1/ described by an OpenAPI document.
//
// It applies the same rules as the command line by calling the same
// functions (internal/person, safety, planner, progress), and keeps nothing
// about a person in memory: every request reads the journal, so several
// instances can serve one PostgreSQL journal (PRODUCT.md §10).
package web

import (
	"context"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/unhunch/unhunch/internal/metrics"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
)

// Config is what a Server needs.
type Config struct {
	Store     *store.Store     // the journal
	Catalog   *catalog.Catalog // built-ins merged with the person's files
	TimeScale float64          // plays time this many times faster (demos and tests); 1 normally
	Logger    *slog.Logger     // request and error logs; nil discards them
	Now       func() time.Time // the clock; nil means time.Now
	Location  *time.Location   // the person's time zone for weeks and days; nil means time.Local
	Registry  *metrics.Registry
	// SweepEvery is how often the server marks as interrupted the sessions
	// whose player is gone (a lapsed lease, a process that ended);
	// journal.Renew when zero, never when negative.
	SweepEvery time.Duration

	// PublicHosts are host names, in lower case, the server answers to
	// besides loopback names and addresses (Server.allowedHost). Nothing
	// sets them yet: they are for a server reached by name, which needs
	// accounts first (PRODUCT.md §10).
	PublicHosts []string
}

// Server serves the pages and the API. It is safe for concurrent use.
type Server struct {
	cfg     Config
	st      *store.Store
	cat     *catalog.Catalog
	group   *store.Group
	log     *slog.Logger
	routes  []route
	handler http.Handler
	assets  *assetSet
	pages   *pageSet
	metrics *metricSet
	sw      []byte // the service worker

	// rendered holds pages that depend only on the catalog, by key.
	rendered sync.Map
	// journalPages holds pages built from the journal, with the journal
	// version they were built at (journalEntry).
	journalPages sync.Map
	// heads keeps sessions' owners and planned exercise counts, which never
	// change (store.SessionHead by id); headCount bounds it.
	heads     sync.Map
	headCount atomic.Int64
	// lastVersion is the journal version as last read (versionRead).
	lastVersion atomic.Pointer[versionRead]
	// summaries are the routines with their computed durations at the
	// starting dose: the catalog does not change while the server runs.
	summaries func() ([]api.RoutineSummary, error)

	// stopSweep ends the sweep for interrupted sessions; swept is closed
	// once it has ended.
	stopSweep context.CancelFunc
	swept     chan struct{}
}

// route is one method and path the server answers.
type route struct {
	method  string
	pattern string // a net/http pattern path, e.g. /api/v1/routines/{id}
	handle  func(w http.ResponseWriter, r *http.Request) error
}

// New returns a server on cfg. Close it before closing the store.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Catalog == nil {
		return nil, unhunch.Errorf(unhunch.EInternal, "web: a store and a catalog are needed")
	}
	if cfg.TimeScale <= 0 {
		cfg.TimeScale = 1
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		cfg.Location = time.Local
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Registry == nil {
		cfg.Registry = metrics.NewRegistry()
	}
	s := &Server{cfg: cfg, st: cfg.Store, cat: cfg.Catalog, log: cfg.Logger}
	s.summaries = sync.OnceValues(s.computeSummaries)
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.pages, err = loadPages(s.assets); err != nil {
		return nil, err
	}
	s.metrics = newMetrics(cfg.Registry)
	var ids []string
	for _, r := range s.cat.Routines() {
		ids = append(ids, r.ID)
	}
	var figures []string // kept by the service worker, so the player shows them offline
	for _, e := range s.cat.Exercises() {
		figures = append(figures, figureURLs(e)...)
	}
	if s.sw, err = s.assets.serviceWorker(ids, figures); err != nil {
		return nil, err
	}
	s.group = s.st.NewGroup(store.DefaultGroupSize)
	if cfg.SweepEvery == 0 {
		cfg.SweepEvery = journal.Renew
	}
	var sweepCtx context.Context
	sweepCtx, s.stopSweep = context.WithCancel(context.Background())
	s.swept = make(chan struct{})
	go func() {
		defer close(s.swept)
		if cfg.SweepEvery > 0 {
			s.sweep(sweepCtx, cfg.SweepEvery)
		}
	}()
	s.routes = append(append(append(append(s.apiRoutes(), s.pageRoutes()...), s.assetRoutes()...), s.figureRoutes()...), s.conditionRoutes()...)
	s.handler = s.build()
	return s, nil
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops the sweep for interrupted sessions, saves what is queued for
// the journal and stops the group committer.
func (s *Server) Close() {
	s.stopSweep()
	<-s.swept
	s.group.Close()
}

// Routes lists the API and operational routes the server answers as
// "METHOD /path", sorted:
// what the OpenAPI document must describe.
func (s *Server) Routes() []string {
	var out []string
	for _, r := range s.routes {
		if strings.HasPrefix(r.pattern, "/api/") || r.pattern == "/healthz" || r.pattern == "/metrics" {
			out = append(out, r.method+" "+r.pattern)
		}
	}
	sort.Strings(out)
	return out
}

// build registers every route on a mux, one handler per path that answers
// its methods and refuses others with 405 and Allow.
func (s *Server) build() http.Handler {
	mux := http.NewServeMux()
	byPath := map[string]map[string]route{}
	var order []string
	for _, r := range s.routes {
		if byPath[r.pattern] == nil {
			byPath[r.pattern] = map[string]route{}
			order = append(order, r.pattern)
		}
		byPath[r.pattern][r.method] = r
	}
	for _, p := range order {
		methods := byPath[p]
		var allow []string
		for m := range methods {
			allow = append(allow, m)
		}
		if _, ok := methods[http.MethodGet]; ok {
			allow = append(allow, http.MethodHead)
		}
		sort.Strings(allow)
		allowed := strings.Join(allow, ", ")
		api := strings.HasPrefix(p, "/api/")
		pattern := p
		mux.Handle(pattern, s.instrument(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			m := r.Method
			if m == http.MethodHead {
				m = http.MethodGet
			}
			rt, ok := methods[m]
			if !ok {
				w.Header().Set("Allow", allowed)
				err := unhunch.Errorf(unhunch.EInvalid, "%s", message.Text(message.WebMethod, r.Method, r.URL.Path, allowed))
				s.fail(w, r, api, http.StatusMethodNotAllowed, err)
				return
			}
			if err := rt.handle(w, r); err != nil {
				s.fail(w, r, api, unhunch.HTTPStatus(err), err)
			}
		})))
	}
	mux.Handle("/", s.instrument("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		api := strings.HasPrefix(r.URL.Path, "/api/")
		err := unhunch.Errorf(unhunch.ENotFound, "%s", message.Text(message.WebNoRoute, r.URL.Path))
		s.fail(w, r, api, http.StatusNotFound, err)
	})))
	return s.recoverer(s.edge(mux))
}

// fail answers a request with an error: JSON under /api/, a page otherwise.
// Internal errors are logged with their cause and shown without it.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, api bool, status int, err error) {
	if status >= 500 {
		s.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "status", status, "error", err)
	}
	if api {
		writeError(w, status, err)
		return
	}
	s.errorPage(w, r, status, err)
}

// recoverer turns a panic into a logged internal error, so that one bad
// request never takes the server down.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				err := unhunch.Errorf(unhunch.EInternal, "web: panic: %v", v)
				s.fail(w, r, strings.HasPrefix(r.URL.Path, "/api/"), http.StatusInternalServerError, err)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// now returns the server's time.
func (s *Server) now() time.Time { return s.cfg.Now() }

// ctx returns a context for journal writes that a client hanging up does not
// cancel half-way: what was sent is saved or refused as a whole.
func writeCtx(r *http.Request) context.Context { return context.WithoutCancel(r.Context()) }
