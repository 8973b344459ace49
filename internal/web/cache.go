package web

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/api"
	"github.com/unhunch/unhunch/internal/store"
)

// caches are everything the server keeps in memory between requests. Each
// keeps what is costly to make and cheap to check, and the rule that says
// when what it keeps no longer holds is given here, in newCaches, and
// nowhere else. What is made from a person's journal is kept under that
// person (account.PersonID of the request: personKey), so that two people
// are never served each other's pages; what is made from the catalog alone
// is shared.
type caches struct {
	catalog      *cache[none, *body]                // pages, documents and figures made from the catalog alone
	routines     *cache[none, []api.RoutineSummary] // the routines with their durations
	journal      *cache[journalStamp, *body]        // pages and documents made from a person's journal, by person, page and query
	gate         *cache[journalStamp, gateDoc]      // the gate's decision, made from a person's journal, by person
	screen       *cache[none, *body]                // the screening page, by the answers so far
	heads        *cache[none, store.SessionHead]    // what an event needs of its session, by person and session
	versions     boundedMap                         // person → *versionRead: each person's journal version as last read
	versionReads singleflight.Group                 // reads of a version under way, by person
	ready        atomic.Pointer[readyCheck]         // the journal's last readiness check (readyz)
}

// newCaches makes the server's caches with their rules:
//
//   - catalog and routines: what is made from the catalog alone holds while
//     the catalog is the same; a new one (the person's saved exercises
//     changed: Server.refreshCatalog) has a new generation in every key
//     (Server.catalogKey), and what the old one made is let go.
//   - journal: a page or document made from a person's journal holds while
//     that person's journal version (one small read, Server.version), the
//     catalog's generation and the person's local day are those it was
//     made at, and until a moment it names itself (a screening running
//     out, the functional scale falling due). Every write raises its
//     person's version, whichever instance makes it, so several instances
//     serving one database stay right. It keeps at most maxJournal of them
//     (plans are kept by their query), each under its person.
//   - gate: a person's gate decision holds by the journal's rule, and only
//     until the screening or clearance it rests on runs out (its
//     valid_until), as the home page that shows it; at most maxPeople.
//   - screen: a step of the screening page depends on the answers so far
//     alone, never on the journal (it must show even when the journal
//     cannot be read), so it holds for ever; at most maxScreen of them.
//   - ready: the journal's last readiness check answers /readyz for a
//     second (readyTTL).
//   - heads: a session's owner, planned exercises, start and time scale
//     never change once it exists, so they hold for ever, at most maxHeads
//     of them (when full, it starts again empty), kept under the person
//     whose session it is (another person's is not found, and not kept).
//   - versions: a person's journal version serves that person's next
//     requests for versionTTL, or until this server writes to that
//     person's journal, when the version its write left serves as a read
//     (store.LocalWrite); at most maxPeople people's.
func newCaches() *caches {
	holds := func(kept, now journalStamp) bool {
		return kept.version == now.version && kept.day == now.day && (kept.until.IsZero() || now.at.Before(kept.until))
	}
	return &caches{
		catalog:  &cache[none, *body]{},
		routines: &cache[none, []api.RoutineSummary]{},
		journal:  &cache[journalStamp, *body]{m: boundedMap{max: maxJournal}, fresh: holds},
		gate:     &cache[journalStamp, gateDoc]{m: boundedMap{max: maxPeople}, fresh: holds},
		screen:   &cache[none, *body]{m: boundedMap{max: maxScreen}},
		heads:    &cache[none, store.SessionHead]{m: boundedMap{max: maxHeads}},
		versions: boundedMap{max: maxPeople},
	}
}

// maxPeople bounds the people whose gate and journal version are kept in
// memory.
const maxPeople = 4096

// personKey is key kept under the person a request is for: what is made
// from one person's journal is never served to another.
func personKey(ctx context.Context, key string) string {
	return account.PersonID(ctx) + "\x00" + key
}

// personCatalogKey is personKey(ctx, s.catalogKey(key)), made as one
// string rather than two (it is made at every request for a page kept by
// the journal cache).
func (s *Server) personCatalogKey(ctx context.Context, key string) string {
	return account.PersonID(ctx) + "\x00" + strconv.Itoa(s.cat.Load().gen) + ":" + key
}

// maxScreen bounds the steps of the screening page kept in memory.
const maxScreen = 512

// maxHeads bounds the sessions whose heads are kept in memory.
const maxHeads = 10000

// maxJournal bounds the pages and documents made from the journal kept in
// memory.
const maxJournal = 512

// none is the stamp of values that hold for ever.
type none struct{}

// journalStamp is what a page made from the journal depends on: the
// journal's version and the local day it was made at, and the moment it
// runs out by itself (zero: none). Asking, at is the time now.
type journalStamp struct {
	version int64
	day     string
	at      time.Time
	until   time.Time
}

// cache keeps values by key, each with the stamp of what it was made from,
// and serves one only while fresh (nil: always) says its stamp still holds
// at the stamp of now. It keeps at most max entries (0: no bound) and, when
// full, forgets them all: what it keeps is cheap to make again. It is safe
// for concurrent use.
type cache[S, V any] struct {
	fresh  func(kept, now S) bool
	m      boundedMap         // key → entry[S, V]
	flight singleflight.Group // builds under way, by key
}

// entry is a value with its stamp.
type entry[S, V any] struct {
	stamp S
	v     V
}

// get returns the value kept at key if it holds at now, or else builds it
// with build, which returns the value and its stamp, and keeps it. An error
// is returned and nothing kept. Requests that miss the same key together
// wait for one build: when a change made 50 waiting requests build the same
// page each, none of them answered for seconds (docs/performance.md). One
// whose now the shared build does not hold for (it began before what this
// request must see) builds again for itself.
func (c *cache[S, V]) get(key string, now S, build func() (V, S, error)) (V, error) {
	if e, ok := c.m.Load(key); ok {
		e := e.(entry[S, V])
		if c.fresh == nil || c.fresh(e.stamp, now) {
			return e.v, nil
		}
	}
	r, err, _ := c.flight.Do(key, func() (any, error) {
		v, stamp, err := build()
		if err == nil {
			c.m.Store(key, entry[S, V]{stamp, v})
		}
		return entry[S, V]{stamp, v}, err
	})
	e := r.(entry[S, V])
	if err != nil || c.fresh == nil || c.fresh(e.stamp, now) {
		return e.v, err
	}
	v, stamp, err := build()
	if err == nil {
		c.m.Store(key, entry[S, V]{stamp, v})
	}
	return v, err
}

// boundedMap is a sync.Map that forgets everything it keeps once more than
// max keys (0: no bound) were added since it was last emptied (a crude
// bound: what is kept is made or read again at the next request).
type boundedMap struct {
	sync.Map
	max int64
	n   atomic.Int64
}

// Store keeps v at key, emptying the map first when it is full.
func (b *boundedMap) Store(key string, v any) {
	if _, loaded := b.Swap(key, v); !loaded && b.n.Add(1) > b.max && b.max > 0 {
		b.Clear()
	}
}

// Clear forgets every key.
func (b *boundedMap) Clear() {
	b.Map.Clear()
	b.n.Store(0)
}

// forever adapts a maker of values that hold for ever to cache.get.
func forever[V any](build func() (V, error)) func() (V, none, error) {
	return func() (V, none, error) {
		v, err := build()
		return v, none{}, err
	}
}

// versionTTL is how long the journal's version read by one request serves
// the next ones, unless this server wrote in between: its own writes show at
// once; another instance's show within this long.
const versionTTL = 20 * time.Millisecond

// readyCheck is a check of the journal and when it was made: it answers
// /readyz for readyTTL.
type readyCheck struct {
	at  time.Time
	err error
}

// versionRead is the journal version as last read.
type versionRead struct {
	v      int64
	at     time.Time // monotonic, when it was read
	writes uint64    // the journal's LocalWrite(person).Writes when it was read
}

// version returns the journal version of the person the request is for
// (account.PersonID), read again only when the last read is older than
// versionTTL or this server has written since.
func (s *Server) version(r *http.Request) (int64, error) {
	return s.versionOf(r.Context())
}

// serverVersion returns the version of what the server's people share
// (store.SharedID): making an account and every change to the library of
// saved exercises and routines raise it (store.CreateUser,
// store.AddCustom…), and a person's sessions and outcomes do not, so that
// recording them never makes the server ask again whether accounts exist
// or what the library holds.
func (s *Server) serverVersion(r *http.Request) (int64, error) {
	return s.versionFor(r.Context(), store.SharedID)
}

// versionOf returns the journal version of the person ctx names: the last
// read while it is younger than versionTTL and this server has not written
// to that journal since; else, when this server's latest write to it is
// younger than versionTTL, the version that write left (as fresh as a read
// at its commit: no read needed); else read again.
func (s *Server) versionOf(ctx context.Context) (int64, error) {
	return s.versionFor(ctx, account.PersonID(ctx))
}

// versionFor is versionOf for the journal of person, which ctx need not
// name: a context naming it is made only when the version must be read
// (serverVersion asks at every request).
func (s *Server) versionFor(ctx context.Context, person string) (int64, error) {
	lw := s.st.LocalWrite(person)
	if e, ok := s.cache.versions.Load(person); ok {
		if last := e.(*versionRead); last.writes == lw.Writes && time.Since(last.at) < versionTTL {
			return last.v, nil
		}
	}
	if lw.Version > 0 && time.Since(lw.At) < versionTTL {
		s.keepVersion(person, &versionRead{v: lw.Version, at: lw.At, writes: lw.Writes})
		return lw.Version, nil
	}
	// Requests that find the version stale at once read it once: the
	// others wait for that read (which began after they asked, or with
	// them) rather than each sending its own. A request that knows of a
	// later write of this server waits for a read of its own.
	v, err, _ := s.cache.versionReads.Do(person+"\x00"+strconv.FormatUint(lw.Writes, 10), func() (any, error) {
		// Not ended by the first request's client hanging up: others wait on it.
		rctx := context.WithoutCancel(ctx)
		if account.PersonID(rctx) != person {
			rctx = account.ForPerson(rctx, person)
		}
		v, err := s.st.Version(rctx)
		if err == nil {
			s.keepVersion(person, &versionRead{v: v, at: time.Now(), writes: lw.Writes})
		}
		return v, err
	})
	if err != nil {
		return 0, err
	}
	return v.(int64), nil
}

// keepVersion keeps a person's version as versionOf found it.
func (s *Server) keepVersion(person string, read *versionRead) {
	s.cache.versions.Store(person, read)
}

// journalStampNow is the stamp a page made from the journal must have to
// serve now.
func (s *Server) journalStampNow(r *http.Request) (journalStamp, error) {
	v, err := s.version(r)
	if err != nil {
		return journalStamp{}, err
	}
	now := s.now()
	return journalStamp{version: v, day: s.dayOf(now), at: now}, nil
}

// localDay is a local day, from its first moment to the next day's, and its
// date as journalStamp writes it.
type localDay struct {
	from, to time.Time
	date     string
}

// dayOf returns the local date of t ("2006-01-02"), written once a day,
// not at every request that checks a page (journalStampNow).
func (s *Server) dayOf(t time.Time) string {
	if d := s.today.Load(); d != nil && !t.Before(d.from) && t.Before(d.to) {
		return d.date
	}
	lt := t.In(s.cfg.Location)
	y, m, dd := lt.Date()
	// The next day's first moment, not 24 hours on: days change length
	// with summer time.
	d := &localDay{from: time.Date(y, m, dd, 0, 0, 0, 0, s.cfg.Location), to: time.Date(y, m, dd+1, 0, 0, 0, 0, s.cfg.Location),
		date: lt.Format("2006-01-02")}
	if t.Before(d.from) || !t.Before(d.to) {
		return d.date // a day whose midnight the clocks skip: not kept
	}
	s.today.Store(d)
	return d.date
}
