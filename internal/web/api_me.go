package web

import (
	"net/http"
	"strings"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/message"
)

// meRoutes are a person's rights over their data (issue 17): who they are,
// everything kept about them to download, and erasing their account.
func (s *Server) meRoutes() []route {
	return []route{
		{"GET", "/api/v1/me", s.showMe, nil},
		{"GET", "/api/v1/me/export", s.exportMe, nil},
		{"DELETE", "/api/v1/me", s.eraseMe, nil},
		{"POST", "/settings/erase", s.settingsErase, nil},
	}
}

// meDoc is who is asking.
type meDoc struct {
	Accounts bool          `json:"accounts"` // the server has accounts
	Account  *account.User `json:"account"`  // nil: the local person of a server without accounts
}

func (s *Server) showMe(w http.ResponseWriter, r *http.Request) error {
	exist, err := s.accountsExist(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, meDoc{Accounts: exist, Account: account.FromContext(r.Context())})
	return nil
}

// exportMe sends everything kept about the person asking, as one JSON file.
func (s *Server) exportMe(w http.ResponseWriter, r *http.Request) error {
	ar, ok := s.st.(person.ArchiveReader)
	if !ok {
		return unhunch.Errorf(unhunch.EInternal, "web: the journal cannot read a whole archive")
	}
	u := account.FromContext(r.Context())
	a, err := person.LoadArchive(r.Context(), ar, u, s.now())
	if err != nil {
		return err
	}
	name := "unhunch"
	if u != nil {
		name += "-" + u.Name
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+"-"+s.now().In(s.cfg.Location).Format("2006-01-02")+`.json"`)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, a)
	return nil
}

// eraseRequest confirms an erasure with the account's name.
type eraseRequest struct {
	Confirm string `json:"confirm"`
}

func (s *Server) eraseMe(w http.ResponseWriter, r *http.Request) error {
	var req eraseRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if err := s.erase(r, req.Confirm); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) settingsErase(w http.ResponseWriter, r *http.Request) error {
	if err := form(w, r); err != nil {
		return err
	}
	if err := s.erase(r, r.PostForm.Get("confirm")); err != nil {
		return err
	}
	seeOther(w, r, "/signin?erased=1")
	return nil
}

// erase erases the signed-in account once its name is confirmed, and ends
// the session on this browser.
func (s *Server) erase(r *http.Request, confirm string) error {
	u := account.FromContext(r.Context())
	if u == nil {
		return unhunch.E(unhunch.EConflict, message.RightsNoAccount)
	}
	if strings.TrimSpace(confirm) != u.Name {
		return unhunch.E(unhunch.EInvalid, message.RightsConfirm, u.Name)
	}
	if u.IsAdmin() {
		// The last admin is the server's way to make and mend accounts:
		// another must exist first (the CLI can always make one).
		users, err := s.cfg.Accounts.Users(r.Context())
		if err != nil {
			return err
		}
		admins := 0
		for _, o := range users {
			if o.IsAdmin() {
				admins++
			}
		}
		if admins <= 1 {
			return unhunch.E(unhunch.EConflict, message.RightsLastAdmin)
		}
	}
	_, err := s.cfg.Accounts.EraseUser(writeCtx(r), u.ID)
	s.callers.clear() // whatever came of it: the account is read again
	if err != nil {
		return err
	}
	s.log.InfoContext(r.Context(), "account erased by its owner", "user", u.ID)
	if s.sessions != nil {
		if err := s.sessions.Destroy(r.Context()); err != nil {
			return unhunch.Errorf(unhunch.EUnavailable, "web: end session: %w", err)
		}
	}
	return nil
}
