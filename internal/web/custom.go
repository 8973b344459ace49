package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/unhunch/unhunch/catalog"
	"github.com/unhunch/unhunch/internal/custom"
	"github.com/unhunch/unhunch/planner"
)

// CustomJournal is what the person's own exercises and routines need of
// the journal (issue 20); the store has it. Without it (a journal in
// memory in tests) there is nothing to add your own with.
type CustomJournal interface {
	CustomEntries(ctx context.Context) ([]custom.Entry, error)
	AddCustom(ctx context.Context, entries []custom.Entry, pictures []custom.Picture, at time.Time) error
	ReplaceCustom(ctx context.Context, e custom.Entry, pictures []custom.Picture, at time.Time) error
	DeleteCustom(ctx context.Context, kind, id string) error
	Pictures(ctx context.Context, exerciseID string) ([]custom.Picture, error)
	AllPictures(ctx context.Context) ([]custom.Picture, error)
}

// catState is the catalog the person sees, with what it was made from: the
// journal's version when its saved entries were last read, and those
// entries. gen counts the catalogs the server has made, and keys what the
// caches keep from each.
type catState struct {
	c       *catalog.Catalog
	version int64
	saved   []custom.Entry
	gen     int
	plans   func() *planner.Index // c prepared for the planner, made on first use (indexFor)
}

// indexFor returns c prepared for the planner, made once on first use and
// kept for as long as c is the catalog (docs/planner.md, "The prepared
// catalog").
func indexFor(c *catalog.Catalog) func() *planner.Index {
	return sync.OnceValue(func() *planner.Index { return planner.NewIndex(c, timelineRules) })
}

// catalog returns the catalog the person sees now.
func (s *Server) catalog() *catalog.Catalog { return s.cat.Load().c }

// catalogKey is a cache key for what is made from the catalog alone: the
// catalog's generation with key, so that a new catalog is never served
// what an old one made.
func (s *Server) catalogKey(key string) string {
	return strconv.Itoa(s.cat.Load().gen) + ":" + key
}

// customJournal returns the journal's saved entries, if it keeps them.
func (s *Server) customJournal() (CustomJournal, bool) {
	if s.cfg.Base == nil {
		return nil, false
	}
	cj, ok := s.st.(CustomJournal)
	return cj, ok
}

// builderWith returns a builder holding the built-ins, the config
// directory's files and the saved entries.
func (s *Server) builderWith(entries []custom.Entry) *catalog.Builder {
	b := s.cfg.Base()
	custom.AddSaved(b, entries)
	return b
}

// refreshCatalog makes the catalog again when the saved exercises and
// routines have changed since it was made, by this server or another
// serving the same journal: every change to the library raises the
// server's version (Server.serverVersion), so the entries are read again
// only when it has moved, and the catalog is
// made again only when they differ. A journal that cannot be read keeps
// the catalog as it was; the request says why if it needs the journal.
func (s *Server) refreshCatalog(r *http.Request) {
	cj, ok := s.customJournal()
	if !ok {
		return
	}
	v, err := s.serverVersion(r)
	cur := s.cat.Load()
	if err != nil || v == cur.version {
		return
	}
	entries, err := cj.CustomEntries(r.Context())
	if err != nil {
		return
	}
	next := &catState{c: cur.c, version: v, saved: entries, gen: cur.gen, plans: cur.plans}
	if cur.version < 0 || !slices.EqualFunc(entries, cur.saved, func(a, b custom.Entry) bool {
		return a.Kind == b.Kind && a.ID == b.ID && a.Body == b.Body && a.Updated.Equal(b.Updated)
	}) {
		c, _ := s.builderWith(entries).Build()
		next.c, next.gen, next.plans = c, cur.gen+1, indexFor(c)
	}
	if s.cat.CompareAndSwap(cur, next) && next.gen != cur.gen {
		s.cache.catalog.m.Clear() // what the old catalog made
		s.cache.routines.m.Clear()
	}
}
