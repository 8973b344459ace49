// Package web is unhunch's web app and JSON API (`unhunch serve`):
// html/template pages, vanilla JavaScript and CSS embedded in the binary, a
// player that plays the timeline the server compiled, and a versioned JSON
// API under /api/v1/ described by an OpenAPI document.
//
// It applies the same rules as the command line by calling the same
// functions (internal/person, safety, planner, progress). The journal is
// the only record of a person: what the server keeps in memory between
// requests is a cache (cache.go), each part with the rule that says when it
// no longer holds. Pages made from the journal are checked against the
// journal's version, which every write raises, at every request; what never
// changes once written (a session's owner and planned exercises) is kept as
// it is. So several instances can serve one PostgreSQL journal, each seeing
// the others' writes.
package web

import (
	"context"

	"github.com/alexedwards/scs/v2"
	"log/slog"
	"net/http"
	"net/netip"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/unhunch/unhunch/internal/metrics"
	"github.com/unhunch/unhunch/internal/person"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
)

// Config is what a Server needs.
type Config struct {
	Store Journal // the journal: *store.Store, or a fake in tests
	// Recorder saves exercise outcomes: in `unhunch serve`, the store's
	// group committer (store.Group), which its owner closes after the
	// server; nil saves each one straight to Store.
	Recorder person.ExerciseRecorder
	Catalog  *catalog.Catalog // built-ins merged with the person's files and saved entries
	// Base returns a builder holding the built-ins and the config
	// directory's files, to which the journal's saved exercises and
	// routines are added whenever they change (issue 20); nil keeps
	// Catalog as it is for the server's life.
	Base      func() *catalog.Builder
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
	// accounts first.
	PublicHosts []string

	// Accounts are the accounts kept in the journal (issue 17); nil, or
	// none made yet, serves the local person alone without sign-in.
	Accounts Accounts
	// SecureCookies marks the sign-in cookie Secure: the server is reached
	// over HTTPS (its own TLS, or a proxy's).
	SecureCookies bool

	// PublicURL is the address people open the server at when it serves
	// beyond loopback (serve --public-url), e.g. https://unhunch.example.org:
	// its origin is trusted by the cross-origin protection, and addresses
	// the server hands out (the calendar's) start with it. "" for none.
	PublicURL string
	// TrustProxy are the addresses of the reverse proxies whose
	// X-Forwarded-For and X-Forwarded-Proto are believed (serve
	// --trust-proxy); from anyone else those headers are ignored.
	TrustProxy []netip.Prefix
	// AnyIP accepts any IP address as the Host (the server listens beyond
	// loopback, and phones on the network open it by its address): DNS
	// rebinding needs a name, so an address literal is safe to answer.
	AnyIP bool
}

// Server serves the pages and the API. It is safe for concurrent use.
type Server struct {
	cfg     Config
	st      Journal
	cat     atomic.Pointer[catState] // the catalog the person sees; Server.catalog
	rec     person.ExerciseRecorder  // where exercise outcomes go: Config.Recorder, or st
	log     *slog.Logger
	routes  []route
	handler http.Handler
	assets  *assetSet
	pages   *pageSet
	metrics *metricSet
	sw      atomic.Pointer[swState] // the service worker made for the catalog; Server.serviceWorker
	health  func() *body            // what /healthz answers: made once, from memory

	// cache is all the server keeps between requests, each part with its
	// rule (newCaches).
	cache *caches
	// planQueries are the plan queries read, by query and catalog
	// (planAskedFor); nil until one is.
	planQueries atomic.Pointer[map[planQueryKey]*askedPlan]
	// today is the local day of the last page checked (dayOf).
	today atomic.Pointer[localDay]

	// accounts remembers whether accounts exist (auth.go).
	accounts accountState
	// sessions are the web app's sign-in sessions (session.go); nil
	// without Config.Accounts.
	sessions *scs.SessionManager
	// callers keeps who a token or a session's account is, for callerTTL
	// (callers.go); nil without Config.Accounts.
	callers *callers
	// limits counts failed sign-ins per account and per address (limit.go).
	limits *limiter

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
	// offline lists the URLs of this route the service worker keeps, so
	// that the app works offline (keep, eachRoutine, …); nil keeps none.
	offline func(s *Server, pattern string) []string
}

// keep keeps a route's own path ("/{$}" is "/").
func keep(_ *Server, pattern string) []string { return []string{strings.TrimSuffix(pattern, "{$}")} }

// eachRoutine keeps the route for every routine of the catalog ({id}).
func eachRoutine(s *Server, pattern string) []string {
	var out []string
	for _, r := range s.catalog().Routines() {
		out = append(out, strings.Replace(pattern, "{id}", r.ID, 1))
	}
	return out
}

// swType is the service worker's Content-Type.
const swType = "text/javascript; charset=utf-8"

// swState is the service worker made for one catalog (catState.gen).
type swState struct {
	gen int
	bd  *body
}

// serviceWorker returns the service worker for the catalog the person sees
// now, made again when that catalog is: a routine or exercise of one's own
// is kept for offline use as soon as it is saved, like the built-in ones,
// with its pictures (which the route table cannot list: they are in the
// journal), and one deleted is no longer kept.
func (s *Server) serviceWorker(r *http.Request) (*body, error) {
	s.refreshCatalog(r)
	gen := s.cat.Load().gen
	if cur := s.sw.Load(); cur != nil && cur.gen == gen {
		return cur.bd, nil
	}
	keep := s.offlineURLs()
	if cj, ok := s.customJournal(); ok {
		pics, err := cj.AllPictures(r.Context())
		if err != nil {
			return nil, err
		}
		for _, p := range pics {
			if e, ok := s.catalog().Exercise(p.ExerciseID); ok && e.Saved() {
				keep = append(keep, pictureURL(p.ExerciseID, p.N))
			}
		}
	}
	sw, err := s.assets.serviceWorker(keep)
	if err != nil {
		return nil, err
	}
	bd := newBody(swType, sw)
	s.sw.Store(&swState{gen: gen, bd: bd})
	return bd, nil
}

// offlineURLs lists what the service worker keeps, route by route in the
// route table's order.
func (s *Server) offlineURLs() []string {
	var out []string
	for _, r := range s.routes {
		if r.offline != nil {
			out = append(out, r.offline(s, r.pattern)...)
		}
	}
	return out
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
	s := &Server{cfg: cfg, st: cfg.Store, log: cfg.Logger}
	s.cat.Store(&catState{c: cfg.Catalog, version: -1, plans: indexFor(cfg.Catalog)})
	s.cache = newCaches()
	s.limits = newLimiter()
	if cfg.Accounts != nil {
		s.sessions = newSessions(cfg)
		s.callers = newCallers(cfg.Accounts, cfg.Now)
	}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.pages, err = loadPages(s.assets, s.catalog); err != nil {
		return nil, err
	}
	s.metrics = newMetrics(cfg.Registry)
	s.health = sync.OnceValue(func() *body {
		bd, _ := jsonBody(map[string]string{"status": "ok", "version": unhunch.Version, "engine": s.st.Engine()})
		return bd
	})
	s.rec = cfg.Recorder
	if s.rec == nil {
		s.rec = s.st
	}
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
	s.routes = append(append(append(append(append(s.apiRoutes(), s.pageRoutes()...), s.assetRoutes()...), s.figureRoutes()...), s.conditionRoutes()...), s.customRoutes()...)
	s.routes = append(append(append(append(s.routes, s.shareRoutes()...), s.builderRoutes()...), s.signinRoutes()...), s.clinicRoutes()...)
	s.routes = append(s.routes, s.passwordRoutes()...)
	s.routes = append(s.routes, s.meRoutes()...)
	s.routes = append(s.routes, s.passkeyRoutes()...)
	sw, err := s.assets.serviceWorker(s.offlineURLs())
	if err != nil {
		return nil, err
	}
	s.sw.Store(&swState{gen: s.cat.Load().gen, bd: newBody(swType, sw)})
	s.handler = s.build()
	return s, nil
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops the sweep for interrupted sessions. Close the Recorder, if
// any, after it, and the journal last.
func (s *Server) Close() {
	s.stopSweep()
	<-s.swept
}

// Routes lists the API and operational routes the server answers as
// "METHOD /path", sorted:
// what the OpenAPI document must describe.
func (s *Server) Routes() []string {
	var out []string
	for _, r := range s.routes {
		if strings.HasPrefix(r.pattern, "/api/") || operational(r.pattern) {
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
		pattern := p
		mux.Handle(pattern, s.instrument(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			m := r.Method
			if m == http.MethodHead {
				m = http.MethodGet
			}
			rt, ok := methods[m]
			if !ok {
				w.Header().Set("Allow", allowed)
				// The one status no code gives: the method, not the input, is wrong.
				s.failWith(w, r, http.StatusMethodNotAllowed, unhunch.E(unhunch.EInvalid, message.WebMethod, r.Method, r.URL.Path, allowed))
				return
			}
			r, err := s.authorize(r, rt.method, rt.pattern)
			if err != nil {
				if m == http.MethodGet && unhunch.ErrorCode(err) == unhunch.EUnauthorized && !strings.HasPrefix(r.URL.Path, "/api/") && !operational(r.URL.Path) {
					// A person who opens a page without signing in is
					// shown how to sign in, not an error; an invitation
					// is where they land once signed in.
					s.rememberNext(r)
					http.Redirect(w, r, "/signin", http.StatusSeeOther)
					return
				}
				s.fail(w, r, err)
				return
			}
			s.refreshCatalog(r)
			w = withCaller(w, r)
			if err := rt.handle(w, r); err != nil {
				s.fail(w, r, err)
			}
		})))
	}
	mux.Handle("/", s.instrument("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k := message.PageNoPage // a person followed a link: no word of the API
		if strings.HasPrefix(r.URL.Path, "/api/") {
			k = message.WebNoRoute
		}
		s.fail(w, r, unhunch.E(unhunch.ENotFound, k, r.URL.Path))
	})))
	var h http.Handler = compress(mux)
	if s.sessions != nil {
		h = s.withSessions(h)
	}
	return s.recoverer(s.edge(s.crossOrigin(h)))
}

// withSessions loads the web app's sign-in session (scs) for the requests
// that can read or change one, and saves it after them: a request that
// carries the session cookie, any that is not a GET or HEAD (signing in,
// a passkey ceremony), and an invitation opened before signing in
// (rememberNext). Any other GET or HEAD has no session to read and starts
// none, so it goes without one (scs would make an empty one and check it
// for changes at every request); it answers Vary: Cookie all the same, as
// scs does (sessionCaller reads no session without the cookie).
func (s *Server) withSessions(next http.Handler) http.Handler {
	loaded := s.sessions.LoadAndSave(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if (r.Method == http.MethodGet || r.Method == http.MethodHead) && !strings.HasPrefix(r.URL.Path, "/care/invite/") && !s.hasSessionCookie(r) {
			w.Header()["Vary"] = varyCookie
			next.ServeHTTP(w, r)
			return
		}
		loaded.ServeHTTP(w, r)
	})
}

// varyCookie is the Vary header of an answer that depends on the sign-in
// session.
var varyCookie = []string{"Cookie"}

// hasSessionCookie reports whether the request carries the sign-in
// session's cookie.
func (s *Server) hasSessionCookie(r *http.Request) bool {
	if len(r.Header["Cookie"]) == 0 {
		return false
	}
	_, err := r.Cookie(s.sessions.Cookie.Name)
	return err == nil
}

// operational reports whether path is one of the operational routes:
// health, readiness and metrics.
func operational(path string) bool {
	return path == "/healthz" || path == "/readyz" || path == "/metrics"
}

// fail answers a request with an error, with the HTTP status of its code
// (unhunch.HTTPStatus): JSON under /api/ and for the operational routes,
// a page otherwise. Internal errors
// are logged with their cause and shown without it.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	s.failWith(w, r, unhunch.HTTPStatus(err), err)
}

// failWith is fail with a status the protocol decides rather than the
// error's code (405 for a method the path does not answer).
func (s *Server) failWith(w http.ResponseWriter, r *http.Request, status int, err error) {
	if status >= 500 {
		s.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", logPath(r.URL.Path), "status", status, "error", err)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") || operational(r.URL.Path) {
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
				s.fail(w, r, unhunch.Errorf(unhunch.EInternal, "web: panic: %v", v))
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
