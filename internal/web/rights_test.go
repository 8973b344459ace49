package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/person"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/journal"
)

// Issue 17, a person's rights: everything kept about them downloads as
// one JSON file; their account is erased only when they type its name,
// and then nothing of it answers any more. Without accounts, the archive
// is the local person's and there is no account to erase.
func TestDownloadAndErase(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		e := newEnvURL(t, url, true)
		e.start("quick-daily-reset", "local-1", 2)
		r := e.do("GET", "/api/v1/me/export", "", nil)
		if r.Code != http.StatusOK || !strings.Contains(r.Header().Get("Content-Disposition"), "attachment") {
			t.Fatalf("local archive: %d %v", r.Code, r.Header())
		}
		var local person.Archive
		decodeBody(t, r.Body.Bytes(), &local)
		if local.Format != person.ArchiveFormat || local.Account != nil || len(local.Sessions) != 1 || len(local.Screenings) != 1 {
			t.Errorf("local archive: %+v", local)
		}
		if r := e.do("DELETE", "/api/v1/me", `{"confirm":"x"}`, nil); r.Code != http.StatusConflict {
			t.Errorf("erase without accounts: %d %s", r.Code, r.Body)
		}
		ctx := context.Background()
		// The first person account takes over the local journal.
		pat, adopted, err := e.st.CreateUser(ctx, "pat", account.RolePerson, now, store.AdoptLocal)
		if err != nil || !adopted {
			t.Fatalf("pat: %v %v", adopted, err)
		}
		tok, _ := e.st.CreateToken(ctx, pat.ID, now)
		auth := map[string]string{"Authorization": "Bearer " + tok}
		r = e.do("GET", "/api/v1/me", "", auth)
		var me struct {
			Accounts bool
			Account  *account.User
		}
		decodeBody(t, r.Body.Bytes(), &me)
		if r.Code != http.StatusOK || !me.Accounts || me.Account == nil || me.Account.Name != "pat" {
			t.Errorf("me: %d %s", r.Code, r.Body)
		}
		// A clinician follows pat: their link is pat's data too.
		lee, _, err := e.st.CreateUser(ctx, "lee", account.RoleClinician, now)
		if err != nil {
			t.Fatal(err)
		}
		invite, _ := e.st.CreateInvite(ctx, lee.ID, now)
		if _, err := e.st.AnswerInvite(ctx, invite, pat.ID, true, now); err != nil {
			t.Fatal(err)
		}
		r = e.do("GET", "/api/v1/me/export", "", auth)
		var arch person.Archive
		decodeBody(t, r.Body.Bytes(), &arch)
		if arch.Account == nil || arch.Account.ID != pat.ID || len(arch.Sessions) != 1 || len(arch.Clinicians) != 1 || arch.Clinicians[0].ClinicianName != "lee" {
			t.Errorf("pat's archive: %s", r.Body)
		}
		if r := e.do("GET", "/settings", "", auth); !strings.Contains(r.Body.String(), `action="/settings/erase"`) || !strings.Contains(r.Body.String(), "/api/v1/me/export") {
			t.Errorf("settings offer no download or erasure")
		}
		for _, bad := range []string{`{"confirm":"Pat"}`, `{"confirm":""}`, `{}`} {
			r := e.do("DELETE", "/api/v1/me", bad, auth)
			if r.Code != http.StatusBadRequest || !strings.Contains(r.Body.String(), "nothing was deleted") {
				t.Errorf("erase with %s: %d %s", bad, r.Code, r.Body)
			}
		}
		// The only admin cannot erase themselves; with a second, they can.
		root, _, err := e.st.CreateUser(ctx, "root", account.RoleAdmin, now)
		if err != nil {
			t.Fatal(err)
		}
		rootTok, _ := e.st.CreateToken(ctx, root.ID, now)
		rootAuth := map[string]string{"Authorization": "Bearer " + rootTok}
		if r := e.do("DELETE", "/api/v1/me", `{"confirm":"root"}`, rootAuth); r.Code != http.StatusConflict || !strings.Contains(r.Body.String(), "only admin") {
			t.Errorf("the only admin erasing themselves: %d %s", r.Code, r.Body)
		}
		if _, _, err := e.st.CreateUser(ctx, "root2", account.RoleAdmin, now); err != nil {
			t.Fatal(err)
		}
		if r := e.do("DELETE", "/api/v1/me", `{"confirm":"root"}`, rootAuth); r.Code != http.StatusNoContent {
			t.Errorf("an admin erasing themselves with another admin there: %d %s", r.Code, r.Body)
		}
		if r := e.do("DELETE", "/api/v1/me", `{"confirm":"pat"}`, auth); r.Code != http.StatusNoContent {
			t.Fatalf("erase: %d %s", r.Code, r.Body)
		}
		if r := e.do("GET", "/api/v1/me", "", auth); r.Code != http.StatusUnauthorized {
			t.Errorf("the erased account's token: %d", r.Code)
		}
		if _, err := e.st.UserByName(ctx, "pat"); err == nil {
			t.Error("pat is still an account")
		}
		if links, err := e.st.Clinicians(ctx, pat.ID); err != nil || len(links) != 0 {
			t.Errorf("pat's care links after erasure: %v, %v", links, err)
		}
		sessions, err := e.st.Sessions(account.ForPerson(ctx, pat.ID), journal.Filter{})
		if err != nil || len(sessions) != 0 {
			t.Errorf("pat's sessions after erasure: %d, %v", len(sessions), err)
		}
	})
}
