package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/passkey"
	"github.com/unhunch/unhunch/internal/store"
	"github.com/unhunch/unhunch/message"
)

// Passkeys is what the server needs to keep passkeys (WebAuthn credentials,
// issue 17): *store.Store. Config.Accounts provides it when it can; an
// Accounts without it serves no passkeys.
type Passkeys interface {
	// PasskeyHandle returns the account's stable user handle, made on
	// first use.
	PasskeyHandle(ctx context.Context, userID string) ([]byte, error)
	// AddPasskey keeps a new passkey (EConflict if its id is kept).
	AddPasskey(ctx context.Context, p *store.Passkey) error
	// Passkeys lists an account's passkeys.
	Passkeys(ctx context.Context, userID string) ([]*store.Passkey, error)
	// PasskeyUser returns the account with a user handle and its passkeys
	// (ENotFound when none has it).
	PasskeyUser(ctx context.Context, handle []byte) (*account.User, []*store.Passkey, error)
	// UsePasskey notes a sign-in with a passkey, refusing a signature
	// counter that did not move on (EUnauthorized).
	UsePasskey(ctx context.Context, userID string, id []byte, count uint32, flags uint8, at time.Time) error
	// RemovePasskey removes one of an account's passkeys (ENotFound if
	// it is not theirs).
	RemovePasskey(ctx context.Context, userID string, id []byte) error
}

// The keys in the web session of a ceremony between its begin and its
// finish: the server's half (challenge, relying party, user), which the
// browser never sees.
const (
	sessionPasskeyRegister = "passkey.register"
	sessionPasskeyLogin    = "passkey.login"
)

// passkeyTimeout is how long a ceremony may take, from its begin to its
// finish: the browser is told, and the server holds to it.
const passkeyTimeout = 5 * time.Minute

// passkeyNameMax is the longest name a passkey can have, in characters.
const passkeyNameMax = 60

// passkeyRoutes are the passkey ceremonies, the list in settings and the
// page shown after a sign-in link.
func (s *Server) passkeyRoutes() []route {
	return []route{
		{"GET", "/welcome", s.welcomePage, nil},
		{"GET", "/api/v1/passkeys", s.passkeyList, nil},
		{"DELETE", "/api/v1/passkeys/{id}", s.passkeyRemove, nil},
		{"POST", "/api/v1/passkeys/register/begin", s.passkeyRegisterBegin, nil},
		{"POST", "/api/v1/passkeys/register/finish", s.passkeyRegisterFinish, nil},
		{"POST", "/api/v1/passkeys/login/begin", s.passkeyLoginBegin, nil},
		{"POST", "/api/v1/passkeys/login/finish", s.passkeyLoginFinish, nil},
	}
}

// welcomeData is the page after a sign-in link.
type welcomeData struct {
	Name string // who is signed in
}

// welcomePage greets a person who has just signed in with a link and
// offers to add a passkey on this device.
func (s *Server) welcomePage(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	u := account.FromContext(r.Context())
	if u == nil { // no accounts: nobody signs in
		seeOther(w, r, "/")
		return nil
	}
	return s.render(w, http.StatusOK, "welcome", page{Title: message.Text(message.WelcomeTitle), Data: welcomeData{Name: u.Name}})
}

// passkeys returns where passkeys are kept, and the signed-in caller if
// signedIn; a server without accounts has neither.
func (s *Server) passkeys(r *http.Request, signedIn bool) (Passkeys, *account.User, error) {
	pk, ok := s.cfg.Accounts.(Passkeys)
	if !ok || s.sessions == nil {
		return nil, nil, unhunch.E(unhunch.EInvalid, message.PasskeyNoAccounts)
	}
	exist, err := s.accountsExist(r)
	if err != nil {
		return nil, nil, err
	}
	if !exist {
		return nil, nil, unhunch.E(unhunch.EInvalid, message.PasskeyNoAccounts)
	}
	u := account.FromContext(r.Context())
	if signedIn && u == nil {
		return nil, nil, unhunch.E(unhunch.EUnauthorized, message.AuthSignInNeeded)
	}
	return pk, u, nil
}

// relyingParty is the WebAuthn relying party for the name the browser
// reached this server by (its Host, which the edge has checked: a loopback
// name or one of Config.PublicHosts): the RP ID is that name, and the one
// origin accepted is the page's own (https when the server is reached over
// TLS or says it is, Config.SecureCookies). Browsers refuse an IP address
// as an RP ID, so at http://127.0.0.1:PORT the answer says to open
// http://localhost:PORT instead.
func (s *Server) relyingParty(r *http.Request) (passkey.RelyingParty, error) {
	name, port := r.Host, ""
	if h, p, err := net.SplitHostPort(r.Host); err == nil {
		name, port = h, p
	}
	name = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(name, "["), "]"))
	if _, err := netip.ParseAddr(name); err == nil {
		if port == "" {
			port = "PORT"
		}
		return passkey.RelyingParty{}, unhunch.E(unhunch.EInvalid, message.PasskeyNeedsName, name, port)
	}
	scheme := "http"
	if r.TLS != nil || s.cfg.SecureCookies {
		scheme = "https"
	}
	return passkey.RelyingParty{ID: name, Name: message.Text(message.WebAppName),
		Origins: []string{scheme + "://" + strings.ToLower(r.Host)}, Timeout: passkeyTimeout}, nil
}

// credentialOf is a kept passkey as the relying party checks it.
func credentialOf(k *store.Passkey) passkey.Credential {
	return passkey.Credential{ID: k.ID, PublicKey: k.PublicKey, SignCount: k.SignCount, Flags: passkey.Flags(k.Flags),
		AAGUID: k.AAGUID, Format: k.Format, Transports: k.Transports}
}

// keepCeremony keeps the server's half of a ceremony in the web session
// until its finish.
func (s *Server) keepCeremony(r *http.Request, key string, c passkey.Ceremony) error {
	b, err := json.Marshal(c)
	if err != nil {
		return unhunch.Errorf(unhunch.EInternal, "web: keep passkey ceremony: %w", err)
	}
	s.sessions.Put(r.Context(), key, string(b))
	s.anonymousFor(r, passkeyTimeout) // a sign-in begun: the ceremony is all it holds
	return nil
}

// ceremony takes back the server's half of a ceremony from the web
// session: once, so that an answer cannot be replayed.
func (s *Server) ceremony(r *http.Request, key string) (passkey.Ceremony, error) {
	var c passkey.Ceremony
	kept := s.sessions.PopString(r.Context(), key)
	if kept == "" || json.Unmarshal([]byte(kept), &c) != nil {
		return c, unhunch.E(unhunch.EInvalid, message.PasskeyNoRequest)
	}
	return c, nil
}

// badAnswer says why the browser's answer to a ceremony was not accepted,
// with code (EInvalid when adding a passkey, EUnauthorized when signing
// in).
func badAnswer(code unhunch.Code, err error) error {
	detail := err.Error()
	var pe *passkey.Error
	if errors.As(err, &pe) && pe.Detail != "" {
		detail = pe.Detail
	}
	return unhunch.E(code, message.PasskeyBadAnswer, detail).Wrap(err)
}

// passkeyRegisterBegin starts adding a passkey to the signed-in account on
// this device: the options for navigator.credentials.create(), a
// discoverable credential (so that signing in needs no name), excluding
// the passkeys the account already has.
func (s *Server) passkeyRegisterBegin(w http.ResponseWriter, r *http.Request) error {
	pk, u, err := s.passkeys(r, true)
	if err != nil {
		return err
	}
	rp, err := s.relyingParty(r)
	if err != nil {
		return err
	}
	handle, err := pk.PasskeyHandle(writeCtx(r), u.ID)
	if err != nil {
		return err
	}
	keys, err := pk.Passkeys(r.Context(), u.ID)
	if err != nil {
		return err
	}
	exclude := make([]passkey.Descriptor, 0, len(keys))
	for _, k := range keys {
		exclude = append(exclude, passkey.Descriptor{Type: "public-key", ID: k.ID, Transports: k.Transports})
	}
	creation, c := rp.BeginRegistration(passkey.User{Handle: handle, Name: u.Name}, exclude, s.now())
	if err := s.keepCeremony(r, sessionPasskeyRegister, c); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, creation)
	return nil
}

// registerFinish is what the browser sends to finish adding a passkey:
// what navigator.credentials.create() returned, as JSON, and a name for it
// (a name from the browser's device when empty).
type registerFinish struct {
	Name       string          `json:"name"`
	Credential json.RawMessage `json:"credential"`
}

// passkeyRegisterFinish checks the new passkey against the ceremony kept
// at its begin and keeps it for the signed-in account.
func (s *Server) passkeyRegisterFinish(w http.ResponseWriter, r *http.Request) error {
	pk, u, err := s.passkeys(r, true)
	if err != nil {
		return err
	}
	var in registerFinish
	if err := decode(w, r, &in); err != nil {
		return err
	}
	name, err := passkeyName(in.Name, r.UserAgent())
	if err != nil {
		return err
	}
	c, err := s.ceremony(r, sessionPasskeyRegister)
	if err != nil {
		return err
	}
	rp, err := s.relyingParty(r)
	if err != nil {
		return err
	}
	parsed, err := passkey.ParseRegistration(in.Credential)
	if err != nil {
		return badAnswer(unhunch.EInvalid, err)
	}
	handle, err := pk.PasskeyHandle(writeCtx(r), u.ID)
	if err != nil {
		return err
	}
	if !bytes.Equal(handle, c.UserHandle) { // begun for another account on this browser
		return badAnswer(unhunch.EInvalid, &passkey.Error{Check: passkey.CheckUser, Detail: "ID mismatch for User and Session"})
	}
	cred, err := rp.FinishRegistration(c, parsed, s.now())
	if err != nil {
		return badAnswer(unhunch.EInvalid, err)
	}
	p := &store.Passkey{
		ID: cred.ID, UserID: u.ID, Name: name, PublicKey: cred.PublicKey, SignCount: cred.SignCount, Flags: uint8(cred.Flags),
		AAGUID: cred.AAGUID, Format: cred.Format, Transports: cred.Transports, Created: s.now().UTC().Truncate(time.Millisecond),
	}
	if err := pk.AddPasskey(writeCtx(r), p); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, passkeyDocOf(p))
	return nil
}

// passkeyLoginBegin starts signing in with a passkey: the options for
// navigator.credentials.get(), with no account named (the passkey says
// whose it is), for a button or for the browser's autofill.
func (s *Server) passkeyLoginBegin(w http.ResponseWriter, r *http.Request) error {
	if _, _, err := s.passkeys(r, false); err != nil {
		return err
	}
	rp, err := s.relyingParty(r)
	if err != nil {
		return err
	}
	assertion, c := rp.BeginLogin(s.now())
	if err := s.keepCeremony(r, sessionPasskeyLogin, c); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, assertion)
	return nil
}

// signedInDoc is the answer to a sign-in: who, and where to go.
type signedInDoc struct {
	User userDoc `json:"user"`
	Next string  `json:"next"`
}

// userDoc is an account as the API shows it.
type userDoc struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Role string `json:"role"`
}

// passkeyLoginFinish checks a passkey's answer against the ceremony kept
// at its begin and signs its account in on this browser. The answer's user
// handle names the account; the passkey must be one of that account's,
// its signature must check out with the key kept, and its counter must
// have moved on (a passkey that may have been copied is refused).
func (s *Server) passkeyLoginFinish(w http.ResponseWriter, r *http.Request) error {
	pk, _, err := s.passkeys(r, false)
	if err != nil {
		return err
	}
	var raw json.RawMessage
	if err := decode(w, r, &raw); err != nil {
		return err
	}
	c, err := s.ceremony(r, sessionPasskeyLogin)
	if err != nil {
		return err
	}
	rp, err := s.relyingParty(r)
	if err != nil {
		return err
	}
	parsed, err := passkey.ParseAssertion(raw)
	if err != nil {
		return badAnswer(unhunch.EUnauthorized, err)
	}
	u, keys, err := pk.PasskeyUser(r.Context(), parsed.Response.UserHandle)
	if unhunch.ErrorCode(err) == unhunch.ENotFound {
		return unhunch.E(unhunch.EUnauthorized, message.PasskeyUnknown)
	}
	if err != nil {
		return err // the journal, not the passkey
	}
	i := slices.IndexFunc(keys, func(k *store.Passkey) bool { return bytes.Equal(k.ID, parsed.RawID) })
	if i < 0 { // not this account's passkey
		return unhunch.E(unhunch.EUnauthorized, message.PasskeyUnknown)
	}
	login, err := rp.VerifyAssertion(c, parsed, parsed.Response.UserHandle, credentialOf(keys[i]), s.now())
	var pe *passkey.Error
	switch {
	case errors.As(err, &pe) && pe.Check == passkey.CheckCounter:
		return unhunch.E(unhunch.EUnauthorized, message.PasskeyCloned)
	case err != nil:
		return badAnswer(unhunch.EUnauthorized, err)
	}
	err = pk.UsePasskey(writeCtx(r), u.ID, keys[i].ID, login.SignCount, uint8(login.Flags), s.now())
	if unhunch.ErrorCode(err) == unhunch.ENotFound { // removed in the meantime
		return unhunch.E(unhunch.EUnauthorized, message.PasskeyUnknown)
	}
	if err != nil {
		return err
	}
	if err := s.signIn(r, u); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, signedInDoc{User: userDoc{ID: u.ID, Name: u.Name, Role: string(u.Role)}, Next: "/"})
	return nil
}

// passkeyDoc is a passkey as the API shows it: never its key.
type passkeyDoc struct {
	ID         string     `json:"id"` // the credential id, base64url
	Name       string     `json:"name"`
	Created    time.Time  `json:"created"`
	LastUsed   *time.Time `json:"last_used"`
	Transports []string   `json:"transports"`
	BackedUp   bool       `json:"backed_up"` // kept in a synced store (the BS flag)
}

// passkeyDocOf describes a passkey.
func passkeyDocOf(p *store.Passkey) passkeyDoc {
	d := passkeyDoc{ID: base64.RawURLEncoding.EncodeToString(p.ID), Name: p.Name, Created: p.Created,
		Transports: p.Transports, BackedUp: passkey.Flags(p.Flags)&passkey.FlagBackupState != 0}
	if d.Transports == nil {
		d.Transports = []string{}
	}
	if !p.LastUsed.IsZero() {
		t := p.LastUsed
		d.LastUsed = &t
	}
	return d
}

// passkeyListDoc is the signed-in account and its passkeys.
type passkeyListDoc struct {
	User     userDoc      `json:"user"`
	Passkeys []passkeyDoc `json:"passkeys"`
}

// passkeyList lists the signed-in account's passkeys.
func (s *Server) passkeyList(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(params(r)); err != nil {
		return err
	}
	pk, u, err := s.passkeys(r, true)
	if err != nil {
		return err
	}
	keys, err := pk.Passkeys(r.Context(), u.ID)
	if err != nil {
		return err
	}
	doc := passkeyListDoc{User: userDoc{ID: u.ID, Name: u.Name, Role: string(u.Role)}, Passkeys: []passkeyDoc{}}
	for _, k := range keys {
		doc.Passkeys = append(doc.Passkeys, passkeyDocOf(k))
	}
	writeJSON(w, http.StatusOK, doc)
	return nil
}

// passkeyRemove removes one of the signed-in account's passkeys; anyone
// else's, like one that does not exist, is 404.
func (s *Server) passkeyRemove(w http.ResponseWriter, r *http.Request) error {
	pk, u, err := s.passkeys(r, true)
	if err != nil {
		return err
	}
	id, err := base64.RawURLEncoding.DecodeString(r.PathValue("id"))
	if err != nil || len(id) == 0 {
		return unhunch.E(unhunch.ENotFound, message.PasskeyNoSuch)
	}
	if err := pk.RemovePasskey(writeCtx(r), u.ID, id); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// passkeyName is the name a new passkey is kept under: the one given, or
// one from the device the browser runs on (its User-Agent).
func passkeyName(given, userAgent string) (string, error) {
	name := strings.TrimSpace(given)
	if name == "" {
		return deviceName(userAgent), nil
	}
	if utf8.RuneCountInString(name) > passkeyNameMax || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return "", unhunch.E(unhunch.EInvalid, message.PasskeyBadName, passkeyNameMax)
	}
	return name, nil
}

// devices are the systems a User-Agent may name, the most specific first.
var devices = []struct{ sign, name string }{
	{"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Android", "Android"}, {"CrOS", "ChromeOS"},
	{"Macintosh", "Mac"}, {"Windows", "Windows"}, {"Linux", "Linux"},
}

// deviceName names a passkey after the device its browser runs on.
func deviceName(userAgent string) string {
	for _, d := range devices {
		if strings.Contains(userAgent, d.sign) {
			return message.Text(message.PasskeyNamed, d.name)
		}
	}
	return message.Text(message.PasskeyUnnamed)
}
