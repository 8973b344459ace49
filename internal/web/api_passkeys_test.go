package web_test

// The passkey API (issue 17) driven by an authenticator written here: a
// P-256 key per passkey, "none" attestation, the authenticator data and
// CBOR built by hand, as a platform authenticator builds them. (This file
// sorts before openapi_test.go, so that TestEveryOperationAnswersAsDocumented
// finds the passkey operations answered.)

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/internal/store"
)

// b64 is base64url without padding, as WebAuthn's JSON has it.
var b64 = base64.RawURLEncoding

// cborHead is a CBOR item's head: its major type and length or value.
func cborHead(major byte, n uint64) []byte {
	switch {
	case n < 24:
		return []byte{major<<5 | byte(n)}
	case n < 1<<8:
		return []byte{major<<5 | 24, byte(n)}
	case n < 1<<16:
		return binary.BigEndian.AppendUint16([]byte{major<<5 | 25}, uint16(n))
	}
	return binary.BigEndian.AppendUint32([]byte{major<<5 | 26}, uint32(n))
}

func cborInt(i int) []byte {
	if i >= 0 {
		return cborHead(0, uint64(i))
	}
	return cborHead(1, uint64(-1-i))
}

func cborBytes(b []byte) []byte { return append(cborHead(2, uint64(len(b))), b...) }
func cborText(s string) []byte  { return append(cborHead(3, uint64(len(s))), s...) }

// softKey is one passkey of the test's authenticator.
type softKey struct {
	id     []byte
	key    *ecdsa.PrivateKey
	rpID   string
	handle []byte // the user handle it was made for
	count  uint32 // the signature counter; each use raises it unless frozen
	frozen bool
}

// coseKey is the passkey's public key as COSE (EC2, ES256, P-256).
func (k *softKey) coseKey() []byte {
	pub, _ := k.key.PublicKey.Bytes() // 0x04 || X || Y
	out := []byte{0xa5}
	out = append(append(out, cborInt(1)...), cborInt(2)...)
	out = append(append(out, cborInt(3)...), cborInt(-7)...)
	out = append(append(out, cborInt(-1)...), cborInt(1)...)
	out = append(append(out, cborInt(-2)...), cborBytes(pub[1:33])...)
	return append(append(out, cborInt(-3)...), cborBytes(pub[33:])...)
}

// authData is the authenticator data: the RP ID's hash, flags, counter and
// (when attested) the new credential.
func (k *softKey) authData(flags byte, attested bool) []byte {
	h := sha256.Sum256([]byte(k.rpID))
	out := binary.BigEndian.AppendUint32(append(h[:], flags), k.count)
	if attested {
		out = append(out, make([]byte, 16)...) // AAGUID: none
		out = binary.BigEndian.AppendUint16(out, uint16(len(k.id)))
		out = append(append(out, k.id...), k.coseKey()...)
	}
	return out
}

// clientData is the browser's client data for a ceremony.
func clientData(typ, challenge, origin string) []byte {
	b, _ := json.Marshal(map[string]any{"type": typ, "challenge": challenge, "origin": origin, "crossOrigin": false})
	return b
}

// creationOptions is what register/begin answers, as far as the test reads it.
type creationOptions struct {
	PublicKey struct {
		Challenge string `json:"challenge"`
		RP        struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"rp"`
		User struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"user"`
		AuthenticatorSelection struct {
			ResidentKey string `json:"residentKey"`
		} `json:"authenticatorSelection"`
		ExcludeCredentials []struct {
			ID string `json:"id"`
		} `json:"excludeCredentials"`
	} `json:"publicKey"`
}

// requestOptions is what login/begin answers, as far as the test reads it.
type requestOptions struct {
	PublicKey struct {
		Challenge string `json:"challenge"`
		RPID      string `json:"rpId"`
	} `json:"publicKey"`
}

// newSoftKey makes a passkey for the creation options and returns it with
// the registration JSON the browser would send.
func newSoftKey(t *testing.T, o creationOptions, origin string) (*softKey, map[string]any) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	handle, err := b64.DecodeString(o.PublicKey.User.ID)
	if err != nil {
		t.Fatalf("user.id %q: %v", o.PublicKey.User.ID, err)
	}
	k := &softKey{id: make([]byte, 16), key: key, rpID: o.PublicKey.RP.ID, handle: handle}
	rand.Read(k.id)
	att := []byte{0xa3}
	att = append(append(att, cborText("fmt")...), cborText("none")...)
	att = append(append(att, cborText("attStmt")...), 0xa0)
	att = append(append(att, cborText("authData")...), cborBytes(k.authData(0x45, true))...) // UP, UV, AT
	return k, map[string]any{
		"id": b64.EncodeToString(k.id), "rawId": b64.EncodeToString(k.id), "type": "public-key",
		"response": map[string]any{
			"clientDataJSON":    b64.EncodeToString(clientData("webauthn.create", o.PublicKey.Challenge, origin)),
			"attestationObject": b64.EncodeToString(att),
			"transports":        []string{"internal"},
		},
		"clientExtensionResults": map[string]any{},
	}
}

// assert answers sign-in options with this passkey, saying it is handle's
// (its own unless another is given), signed with signer (its own key
// unless another is given).
func (k *softKey) assert(t *testing.T, o requestOptions, origin string, handle []byte, signer *ecdsa.PrivateKey) map[string]any {
	t.Helper()
	if !k.frozen {
		k.count++
	}
	if handle == nil {
		handle = k.handle
	}
	if signer == nil {
		signer = k.key
	}
	ad := k.authData(0x05, false) // UP, UV
	cd := clientData("webauthn.get", o.PublicKey.Challenge, origin)
	h := sha256.Sum256(cd)
	digest := sha256.Sum256(append(append([]byte{}, ad...), h[:]...))
	sig, err := ecdsa.SignASN1(rand.Reader, signer, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	return map[string]any{
		"id": b64.EncodeToString(k.id), "rawId": b64.EncodeToString(k.id), "type": "public-key",
		"response": map[string]any{
			"clientDataJSON": b64.EncodeToString(cd), "authenticatorData": b64.EncodeToString(ad),
			"signature": b64.EncodeToString(sig), "userHandle": b64.EncodeToString(handle),
		},
		"clientExtensionResults": map[string]any{},
	}
}

// browserTab is one browser on the env's server: its Host and its cookie.
type browserTab struct {
	e      *env
	host   string
	cookie string
	ua     string
}

// do sends a request as this browser, keeping the session cookie it is given.
func (b *browserTab) do(method, path string, body any) *httptest.ResponseRecorder {
	b.e.t.Helper()
	var rd *strings.Reader
	if body != nil {
		j, _ := json.Marshal(body)
		rd = strings.NewReader(string(j))
	} else {
		rd = strings.NewReader("")
	}
	req := httptest.NewRequest(method, path, rd)
	req.Host = b.host
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if b.cookie != "" {
		req.Header.Set("Cookie", "unhunch_session="+b.cookie)
	}
	if b.ua != "" {
		req.Header.Set("User-Agent", b.ua)
	}
	rec := httptest.NewRecorder()
	b.e.h.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.Name == "unhunch_session" {
			b.cookie = c.Value
		}
	}
	return rec
}

// want checks a response's status, and that its body says each of parts.
func want(t *testing.T, what string, r *httptest.ResponseRecorder, status int, parts ...string) {
	t.Helper()
	if r.Code != status {
		t.Fatalf("%s: %d, want %d: %s", what, r.Code, status, r.Body)
	}
	for _, p := range parts {
		if !strings.Contains(r.Body.String(), p) {
			t.Errorf("%s: the answer does not say %q: %s", what, p, r.Body)
		}
	}
}

// linkSignIn signs the account in on b with a new sign-in link.
func linkSignIn(t *testing.T, e *env, b *browserTab, userID string) {
	t.Helper()
	link, err := e.st.CreateSignInLink(context.Background(), userID, now)
	if err != nil {
		t.Fatal(err)
	}
	want(t, "sign-in link", b.openLink(link), http.StatusSeeOther)
}

// addPasskey makes a passkey for the account signed in on b.
func addPasskey(t *testing.T, b *browserTab, origin string) *softKey {
	t.Helper()
	r := b.do("POST", "/api/v1/passkeys/register/begin", map[string]any{})
	want(t, "register/begin", r, http.StatusOK)
	var o creationOptions
	decodeBody(t, r.Body.Bytes(), &o)
	k, cred := newSoftKey(t, o, origin)
	want(t, "register/finish", b.do("POST", "/api/v1/passkeys/register/finish", map[string]any{"credential": cred}), http.StatusCreated)
	return k
}

// passkeySignIn signs in on b with k (its own handle and key unless given)
// and returns the finish's answer.
func passkeySignIn(t *testing.T, b *browserTab, k *softKey, origin string, handle []byte, signer *ecdsa.PrivateKey) *httptest.ResponseRecorder {
	t.Helper()
	r := b.do("POST", "/api/v1/passkeys/login/begin", map[string]any{})
	want(t, "login/begin", r, http.StatusOK)
	var o requestOptions
	decodeBody(t, r.Body.Bytes(), &o)
	if o.PublicKey.RPID != "localhost" {
		t.Errorf("login/begin: rpId %q, want localhost", o.PublicKey.RPID)
	}
	return b.do("POST", "/api/v1/passkeys/login/finish", k.assert(t, o, origin, handle, signer))
}

// passkeyList reads the passkeys of the account signed in on b.
func passkeyList(t *testing.T, b *browserTab) (user string, ids []string, lastUsed []*string) {
	t.Helper()
	r := b.do("GET", "/api/v1/passkeys", nil)
	want(t, "list passkeys", r, http.StatusOK)
	var doc struct {
		User     struct{ Name string }
		Passkeys []struct {
			ID       string  `json:"id"`
			Name     string  `json:"name"`
			LastUsed *string `json:"last_used"`
		}
	}
	decodeBody(t, r.Body.Bytes(), &doc)
	for _, p := range doc.Passkeys {
		ids, lastUsed = append(ids, p.ID), append(lastUsed, p.LastUsed)
	}
	return doc.User.Name, ids, lastUsed
}

// Issue 17, item 1: a person signed in with a link adds a passkey, and a
// browser with no session signs in with it, as them; the ceremony's
// challenge is the server's and works once; the counter must move on; the
// passkey signs in only its own account (another's handle, another's key
// and another's removal all fail); a removed passkey, or one of a removed
// account, signs in no one; 127.0.0.1 is told to use localhost. On both
// engines.
func TestPasskeyAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, url string) {
		dir := t.TempDir()
		e := newEnvOn(t, url, dir, false)
		const origin = "http://localhost:8080"
		anon := &browserTab{e: e, host: "localhost:8080"}
		want(t, "no accounts: login/begin", anon.do("POST", "/api/v1/passkeys/login/begin", map[string]any{}), http.StatusBadRequest, "accounts")
		if r := anon.do("GET", "/welcome", nil); r.Code != http.StatusSeeOther || r.Header().Get("Location") != "/" {
			t.Errorf("no accounts: the welcome page %d %v", r.Code, r.Header())
		}

		ctx := context.Background()
		pat, _, err := e.st.CreateUser(ctx, "pat", account.RolePerson, now)
		if err != nil {
			t.Fatal(err)
		}
		sam, _, err := e.st.CreateUser(ctx, "sam", account.RolePerson, now)
		if err != nil {
			t.Fatal(err)
		}
		want(t, "anonymous register/begin", anon.do("POST", "/api/v1/passkeys/register/begin", map[string]any{}), http.StatusUnauthorized)
		want(t, "anonymous list", anon.do("GET", "/api/v1/passkeys", nil), http.StatusUnauthorized)

		// At 127.0.0.1 passkeys cannot work: the answer says where they do.
		byNumber := &browserTab{e: e, host: "127.0.0.1:8080"}
		linkSignIn(t, e, byNumber, pat.ID)
		want(t, "register/begin at 127.0.0.1", byNumber.do("POST", "/api/v1/passkeys/register/begin", map[string]any{}), http.StatusBadRequest, "http://localhost:8080")

		laptop := &browserTab{e: e, host: "localhost:8080", ua: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0"}
		linkSignIn(t, e, laptop, pat.ID)
		r := laptop.do("GET", "/welcome", nil)
		want(t, "the welcome page", r, http.StatusOK, "You are signed in as pat", "Add a passkey", "Not now")
		r = laptop.do("POST", "/api/v1/passkeys/register/begin", map[string]any{})
		want(t, "register/begin", r, http.StatusOK)
		var o creationOptions
		decodeBody(t, r.Body.Bytes(), &o)
		if o.PublicKey.RP.ID != "localhost" || o.PublicKey.User.Name != "pat" || o.PublicKey.AuthenticatorSelection.ResidentKey != "required" {
			t.Errorf("creation options: %+v", o.PublicKey)
		}
		k, cred := newSoftKey(t, o, origin)
		// An answer made for another site is refused.
		_, evil := newSoftKey(t, o, "http://evil.example")
		want(t, "an answer from another origin", laptop.do("POST", "/api/v1/passkeys/register/finish", map[string]any{"credential": evil}), http.StatusBadRequest, "could not be checked")
		// That used up the ceremony: the good answer needs a new one.
		want(t, "finish with no ceremony", laptop.do("POST", "/api/v1/passkeys/register/finish", map[string]any{"credential": cred}), http.StatusBadRequest, "no passkey request is waiting")
		r = laptop.do("POST", "/api/v1/passkeys/register/begin", map[string]any{})
		decodeBody(t, r.Body.Bytes(), &o)
		k, cred = newSoftKey(t, o, origin)
		r = laptop.do("POST", "/api/v1/passkeys/register/finish", map[string]any{"credential": cred})
		want(t, "register/finish", r, http.StatusCreated, `"name":"Passkey on Linux"`, `"last_used":null`)
		if user, ids, _ := passkeyList(t, laptop); user != "pat" || len(ids) != 1 || ids[0] != b64.EncodeToString(k.id) {
			t.Errorf("pat's passkeys: %s %v", user, ids)
		}
		r = laptop.do("POST", "/api/v1/passkeys/register/begin", map[string]any{})
		decodeBody(t, r.Body.Bytes(), &o)
		if len(o.PublicKey.ExcludeCredentials) != 1 || o.PublicKey.ExcludeCredentials[0].ID != b64.EncodeToString(k.id) {
			t.Errorf("a second passkey does not exclude the first: %+v", o.PublicKey.ExcludeCredentials)
		}

		// A browser with no session signs in with it, as pat.
		phone := &browserTab{e: e, host: "localhost:8080"}
		want(t, "before signing in", phone.do("GET", "/api/v1/progress", nil), http.StatusUnauthorized)
		want(t, "passkey sign-in", passkeySignIn(t, phone, k, origin, nil, nil), http.StatusOK, `"name":"pat"`)
		if user, _, used := passkeyList(t, phone); user != "pat" || used[0] == nil {
			t.Errorf("signed in with the passkey: %s, last used %v", user, used)
		}
		want(t, "signed in", phone.do("GET", "/api/v1/progress", nil), http.StatusOK)

		// The same answer again: the ceremony it answered is spent.
		want(t, "login/begin", phone.do("POST", "/api/v1/passkeys/login/begin", map[string]any{}), http.StatusOK)
		stale := k.assert(t, requestOptions{}, origin, nil, nil) // for no challenge the server made
		want(t, "an answer to an old challenge", phone.do("POST", "/api/v1/passkeys/login/finish", stale), http.StatusUnauthorized, "could not be checked")
		// A counter that does not move on: a copied passkey, refused.
		k.count, k.frozen = 1, true // the count of its one accepted sign-in
		want(t, "the counter standing still", passkeySignIn(t, &browserTab{e: e, host: "localhost:8080"}, k, origin, nil, nil), http.StatusUnauthorized, "copied")
		k.frozen = false

		// Sam cannot use, see or remove pat's passkey.
		samTab := &browserTab{e: e, host: "localhost:8080"}
		linkSignIn(t, e, samTab, sam.ID)
		samKey := addPasskey(t, samTab, origin)
		if user, ids, _ := passkeyList(t, samTab); user != "sam" || len(ids) != 1 || ids[0] != b64.EncodeToString(samKey.id) {
			t.Errorf("sam's passkeys: %s %v", user, ids)
		}
		want(t, "sam removing pat's passkey", samTab.do("DELETE", "/api/v1/passkeys/"+b64.EncodeToString(k.id), nil), http.StatusNotFound)
		want(t, "pat's passkey said to be sam's", passkeySignIn(t, &browserTab{e: e, host: "localhost:8080"}, k, origin, samKey.handle, nil), http.StatusUnauthorized, "does not open an account")
		want(t, "pat's passkey signed with sam's key", passkeySignIn(t, &browserTab{e: e, host: "localhost:8080"}, k, origin, nil, samKey.key), http.StatusUnauthorized, "could not be checked")
		if user, ids, _ := passkeyList(t, laptop); user != "pat" || len(ids) != 1 {
			t.Errorf("pat's passkeys after sam's tries: %s %v", user, ids)
		}

		// Removed, it signs in no one.
		want(t, "remove a passkey that is not there", laptop.do("DELETE", "/api/v1/passkeys/bm90aGluZw", nil), http.StatusNotFound)
		want(t, "pat removes the passkey", laptop.do("DELETE", "/api/v1/passkeys/"+b64.EncodeToString(k.id), nil), http.StatusNoContent)
		want(t, "a removed passkey", passkeySignIn(t, &browserTab{e: e, host: "localhost:8080"}, k, origin, nil, nil), http.StatusUnauthorized, "does not open an account")

		// Sam's account removed: sam's passkey signs in no one.
		want(t, "sam's passkey", passkeySignIn(t, &browserTab{e: e, host: "localhost:8080"}, samKey, origin, nil, nil), http.StatusOK, `"name":"sam"`)
		db := rawDB(t, url, dir)
		if _, err := db.ExecContext(ctx, `DELETE FROM users WHERE id = $1`, sam.ID); err != nil {
			t.Fatal(err)
		}
		want(t, "the passkey of a removed account", passkeySignIn(t, &browserTab{e: e, host: "localhost:8080"}, samKey, origin, nil, nil), http.StatusUnauthorized, "does not open an account")
		want(t, "bad JSON", anon.do("POST", "/api/v1/passkeys/login/finish", []int{1}), http.StatusBadRequest)
	})
}

// rawDB opens the journal's database directly (foreign keys on), for
// what unhunch itself does elsewhere (removing an account).
func rawDB(t *testing.T, url, dir string) *sql.DB {
	t.Helper()
	var db *sql.DB
	var err error
	if url != "" {
		db, err = sql.Open("pgx", url)
	} else {
		db, err = sql.Open("sqlite", "file:"+filepath.Join(dir, store.FileName)+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// inFlight starts a request as b and returns once its handler has loaded
// the session and waits for its body; finish sends the body and returns
// the answer. It stands for a request the browser has in flight (a
// service worker fetching the app, a second tab) while another one
// changes the session.
func inFlight(t *testing.T, b *browserTab, method, path string) (finish func(body string) *httptest.ResponseRecorder) {
	t.Helper()
	pr, pw := io.Pipe()
	body := &firstRead{r: pr, reading: make(chan struct{})}
	req := httptest.NewRequest(method, path, body)
	req.Host = b.host
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Cookie", "unhunch_session="+b.cookie)
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() { b.e.h.ServeHTTP(rec, req); close(done) }()
	select {
	case <-body.reading:
	case <-done:
		t.Fatalf("%s %s ended without reading its body: %d %s", method, path, rec.Code, rec.Body)
	}
	return func(text string) *httptest.ResponseRecorder {
		pw.Write([]byte(text))
		pw.Close()
		<-done
		return rec
	}
}

// firstRead is a body that says when the handler first reads it.
type firstRead struct {
	r       io.Reader
	reading chan struct{}
	once    sync.Once
}

// Read notes the first read and reads on.
func (f *firstRead) Read(p []byte) (int, error) {
	f.once.Do(func() { close(f.reading) })
	return f.r.Read(p)
}

// Issue 17: a request that was in flight when the session changed does not
// write its stale copy back: signing out holds, and the passkey ceremony a
// begin kept is still there at its finish. (The sessions were saved by
// every request, to push an idle timeout on; the last to end won.)
func TestSignInSessionNotUndoneByARequestInFlight(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	pat, _, err := e.st.CreateUser(ctx, "pat", account.RolePerson, now)
	if err != nil {
		t.Fatal(err)
	}
	tab := &browserTab{e: e, host: "localhost:8080"}
	linkSignIn(t, e, tab, pat.ID)
	old := tab.cookie

	// A passkey ceremony begun while another request is in flight.
	finish := inFlight(t, tab, "POST", "/api/v1/screenings")
	r := tab.do("POST", "/api/v1/passkeys/register/begin", map[string]any{})
	want(t, "register/begin", r, http.StatusOK)
	finish(`{}`)
	var o creationOptions
	decodeBody(t, r.Body.Bytes(), &o)
	_, cred := newSoftKey(t, o, "http://localhost:8080")
	want(t, "register/finish after the other request ended", tab.do("POST", "/api/v1/passkeys/register/finish", map[string]any{"credential": cred}), http.StatusCreated)

	// Signing out while another request is in flight.
	finish = inFlight(t, tab, "POST", "/api/v1/screenings")
	want(t, "sign out", tab.do("POST", "/signout", nil), http.StatusSeeOther)
	finish(`{}`)
	tab.cookie = old // whatever the late answer's cookie said
	want(t, "after signing out", tab.do("GET", "/api/v1/progress", nil), http.StatusUnauthorized)
}
