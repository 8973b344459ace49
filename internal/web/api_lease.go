package web

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
	"github.com/unhunch/unhunch/message"
)

// leaseDoc answers a renewal or a page that was left: where the session
// stands, and how often to renew.
type leaseDoc struct {
	SessionID    string         `json:"session_id"`
	Status       journal.Status `json:"status"`
	RenewSeconds int            `json:"renew_seconds"` // renew at least this often while playing
	LeaseSeconds int            `json:"lease_seconds"` // silent this long, the session counts as interrupted
}

// maxLeaseBody is the most of a body the lease routes read: they need none
// (navigator.sendBeacon may send one).
const maxLeaseBody = 1 << 10

// webSession checks that id names a session played in the browser, after
// draining the (unused) body.
func (s *Server) webSession(w http.ResponseWriter, r *http.Request) (string, error) {
	if err := noQuery(params(r)); err != nil {
		return "", err
	}
	if _, err := io.Copy(io.Discard, http.MaxBytesReader(w, r.Body, maxLeaseBody)); err != nil {
		return "", unhunch.E(unhunch.EInvalid, message.WebLeaseBody, maxLeaseBody)
	}
	id := r.PathValue("id")
	head, err := s.head(r, id)
	if err != nil {
		return "", err
	}
	if head.Owner != store.WebOwner {
		return "", unhunch.E(unhunch.EConflict, message.WebNotWebSession, id)
	}
	return id, nil
}

// renewLease is POST /api/v1/sessions/{id}/alive: the player says the
// session is still being played. A session interrupted meanwhile (the tab
// slept past its lease, or came back after saying it was left) is active
// again; a finished one stays finished.
func (s *Server) renewLease(w http.ResponseWriter, r *http.Request) error {
	id, err := s.webSession(w, r)
	if err != nil {
		return err
	}
	if err := s.st.Renew(writeCtx(r), id, s.now()); err != nil {
		return err
	}
	return s.leaseAnswer(w, r, id)
}

// leaveSession is POST /api/v1/sessions/{id}/left: the page playing the
// session is going away (pagehide, sent with navigator.sendBeacon). An
// active session ends as interrupted now; a finished one stays finished.
func (s *Server) leaveSession(w http.ResponseWriter, r *http.Request) error {
	id, err := s.webSession(w, r)
	if err != nil {
		return err
	}
	if err := s.st.MarkInterrupted(writeCtx(r), id, s.now()); err != nil {
		return err
	}
	return s.leaseAnswer(w, r, id)
}

// leaseAnswer writes where the session stands now.
func (s *Server) leaseAnswer(w http.ResponseWriter, r *http.Request, id string) error {
	head, err := s.st.Head(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, leaseDoc{SessionID: id, Status: head.Status,
		RenewSeconds: int(journal.Renew / time.Second), LeaseSeconds: int(journal.Lease / time.Second)})
	return nil
}

// sweep marks as interrupted, every interval until ctx ends, each active
// session whose player is gone: its lease lapsed (a tab closed without a
// word, a client that never finished) or its process on this machine ended
// (a killed `unhunch start`). Failures are logged and tried again next time.
func (s *Server) sweep(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			n, err := s.st.SweepInterrupted(ctx, store.OwnerAlive, s.now())
			switch {
			case err != nil && ctx.Err() == nil:
				s.log.ErrorContext(ctx, "sweep for interrupted sessions failed", "error", err)
			case n > 0:
				s.log.InfoContext(ctx, "sessions marked interrupted", "count", n)
			}
		}
	}
}
