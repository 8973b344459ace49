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
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
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
func (s *Server) relyingParty(r *http.Request) (*webauthn.WebAuthn, error) {
	name, port := r.Host, ""
	if h, p, err := net.SplitHostPort(r.Host); err == nil {
		name, port = h, p
	}
	name = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(name, "["), "]"))
	if _, err := netip.ParseAddr(name); err == nil {
		if port == "" {
			port = "PORT"
		}
		return nil, unhunch.E(unhunch.EInvalid, message.PasskeyNeedsName, name, port)
	}
	scheme := "http"
	if r.TLS != nil || s.cfg.SecureCookies {
		scheme = "https"
	}
	timeout := webauthn.TimeoutConfig{Enforce: true, Timeout: passkeyTimeout, TimeoutUVD: passkeyTimeout}
	wa, err := webauthn.New(&webauthn.Config{
		RPID:          name,
		RPDisplayName: message.Text(message.WebAppName),
		RPOrigins:     []string{scheme + "://" + strings.ToLower(r.Host)},
		Timeouts:      webauthn.TimeoutsConfig{Login: timeout, Registration: timeout},
	})
	if err != nil {
		return nil, unhunch.Errorf(unhunch.EInternal, "web: passkey relying party for %q: %w", r.Host, err)
	}
	return wa, nil
}

// passkeyUser is an account as go-webauthn sees it: its user handle, its
// name, and its passkeys.
type passkeyUser struct {
	u      *account.User
	handle []byte
	keys   []*store.Passkey
}

// WebAuthnID returns the account's user handle.
func (p passkeyUser) WebAuthnID() []byte { return p.handle }

// WebAuthnName returns the account's name.
func (p passkeyUser) WebAuthnName() string { return p.u.Name }

// WebAuthnDisplayName returns the account's name.
func (p passkeyUser) WebAuthnDisplayName() string { return p.u.Name }

// WebAuthnCredentials returns the account's passkeys as credentials.
func (p passkeyUser) WebAuthnCredentials() []webauthn.Credential {
	out := make([]webauthn.Credential, 0, len(p.keys))
	for _, k := range p.keys {
		c := webauthn.Credential{
			ID: k.ID, PublicKey: k.PublicKey, AttestationFormat: k.Format,
			Flags:         webauthn.NewCredentialFlags(protocol.AuthenticatorFlags(k.Flags)),
			Authenticator: webauthn.Authenticator{AAGUID: k.AAGUID, SignCount: k.SignCount},
		}
		for _, t := range k.Transports {
			c.Transport = append(c.Transport, protocol.AuthenticatorTransport(t))
		}
		out = append(out, c)
	}
	return out
}

// owns reports whether the account has the passkey with id.
func (p passkeyUser) owns(id []byte) bool {
	for _, k := range p.keys {
		if bytes.Equal(k.ID, id) {
			return true
		}
	}
	return false
}

// keepCeremony keeps the server's half of a ceremony in the web session
// until its finish.
func (s *Server) keepCeremony(r *http.Request, key string, sd *webauthn.SessionData) error {
	b, err := json.Marshal(sd)
	if err != nil {
		return unhunch.Errorf(unhunch.EInternal, "web: keep passkey ceremony: %w", err)
	}
	s.sessions.Put(r.Context(), key, string(b))
	s.anonymousFor(r, passkeyTimeout) // a sign-in begun: the ceremony is all it holds
	return nil
}

// ceremony takes back the server's half of a ceremony from the web
// session: once, so that an answer cannot be replayed.
func (s *Server) ceremony(r *http.Request, key string) (webauthn.SessionData, error) {
	var sd webauthn.SessionData
	kept := s.sessions.PopString(r.Context(), key)
	if kept == "" || json.Unmarshal([]byte(kept), &sd) != nil {
		return sd, unhunch.E(unhunch.EInvalid, message.PasskeyNoRequest)
	}
	return sd, nil
}

// badAnswer says why the browser's answer to a ceremony was not accepted,
// with code (EInvalid when adding a passkey, EUnauthorized when signing
// in).
func badAnswer(code unhunch.Code, err error) error {
	detail := err.Error()
	var pe *protocol.Error
	if errors.As(err, &pe) && pe.Details != "" {
		detail = pe.Details
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
	wa, err := s.relyingParty(r)
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
	user := passkeyUser{u: u, handle: handle, keys: keys}
	creation, sd, err := wa.BeginRegistration(user,
		webauthn.WithAuthenticatorSelection(protocol.AuthenticatorSelection{
			ResidentKey:      protocol.ResidentKeyRequirementRequired,
			UserVerification: protocol.VerificationPreferred,
		}),
		webauthn.WithResidentKeyRequirement(protocol.ResidentKeyRequirementRequired),
		webauthn.WithExclusions(webauthn.Credentials(user.WebAuthnCredentials()).CredentialDescriptors()),
	)
	if err != nil {
		return unhunch.Errorf(unhunch.EInternal, "web: begin passkey registration: %w", err)
	}
	if err := s.keepCeremony(r, sessionPasskeyRegister, sd); err != nil {
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
	sd, err := s.ceremony(r, sessionPasskeyRegister)
	if err != nil {
		return err
	}
	wa, err := s.relyingParty(r)
	if err != nil {
		return err
	}
	parsed, err := protocol.ParseCredentialCreationResponseBytes(in.Credential)
	if err != nil {
		return badAnswer(unhunch.EInvalid, err)
	}
	handle, err := pk.PasskeyHandle(writeCtx(r), u.ID)
	if err != nil {
		return err
	}
	cred, err := wa.CreateCredential(passkeyUser{u: u, handle: handle}, sd, parsed)
	if err != nil {
		return badAnswer(unhunch.EInvalid, err)
	}
	p := &store.Passkey{
		ID: cred.ID, UserID: u.ID, Name: name, PublicKey: cred.PublicKey,
		SignCount: cred.Authenticator.SignCount, Flags: uint8(cred.Flags.ProtocolValue()),
		AAGUID: cred.Authenticator.AAGUID, Format: cred.AttestationFormat, Created: s.now().UTC().Truncate(time.Millisecond),
	}
	for _, t := range cred.Transport {
		p.Transports = append(p.Transports, string(t))
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
	wa, err := s.relyingParty(r)
	if err != nil {
		return err
	}
	assertion, sd, err := wa.BeginDiscoverableLogin(webauthn.WithUserVerification(protocol.VerificationPreferred))
	if err != nil {
		return unhunch.Errorf(unhunch.EInternal, "web: begin passkey sign-in: %w", err)
	}
	if err := s.keepCeremony(r, sessionPasskeyLogin, sd); err != nil {
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
	sd, err := s.ceremony(r, sessionPasskeyLogin)
	if err != nil {
		return err
	}
	wa, err := s.relyingParty(r)
	if err != nil {
		return err
	}
	parsed, err := protocol.ParseCredentialRequestResponseBytes(raw)
	if err != nil {
		return badAnswer(unhunch.EUnauthorized, err)
	}
	var who passkeyUser
	var lookup error
	_, cred, err := wa.ValidatePasskeyLogin(func(rawID, handle []byte) (webauthn.User, error) {
		u, keys, err := pk.PasskeyUser(r.Context(), handle)
		if err != nil {
			lookup = err
			return nil, err
		}
		who = passkeyUser{u: u, handle: handle, keys: keys}
		return who, nil
	}, sd, parsed)
	switch {
	case lookup != nil && unhunch.ErrorCode(lookup) != unhunch.ENotFound:
		return lookup // the journal, not the passkey
	case lookup != nil, err != nil && who.u != nil && !who.owns(parsed.RawID):
		return unhunch.E(unhunch.EUnauthorized, message.PasskeyUnknown)
	case err != nil:
		return badAnswer(unhunch.EUnauthorized, err)
	case cred.Authenticator.CloneWarning:
		return unhunch.E(unhunch.EUnauthorized, message.PasskeyCloned)
	}
	err = pk.UsePasskey(writeCtx(r), who.u.ID, cred.ID, cred.Authenticator.SignCount, uint8(cred.Flags.ProtocolValue()), s.now())
	if unhunch.ErrorCode(err) == unhunch.ENotFound { // removed in the meantime
		return unhunch.E(unhunch.EUnauthorized, message.PasskeyUnknown)
	}
	if err != nil {
		return err
	}
	if err := s.signIn(r, who.u); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, signedInDoc{User: userDoc{ID: who.u.ID, Name: who.u.Name, Role: string(who.u.Role)}, Next: "/"})
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
		Transports: p.Transports, BackedUp: p.Flags&uint8(protocol.FlagBackupState) != 0}
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
