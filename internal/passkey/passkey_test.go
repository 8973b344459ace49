package passkey_test

// The relying party's checks, driven by an authenticator written here with
// Go's crypto (a key of each algorithm, "none" attestation, authenticator
// data and CBOR built in the test): each case changes one thing in a good
// answer and names the check it must fail (WebAuthn Level 3 §7.1, §7.2).

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch/internal/passkey"
)

var (
	b64    = base64.RawURLEncoding
	origin = "https://journal.example"
	rp     = passkey.RelyingParty{ID: "journal.example", Name: "unhunch", Origins: []string{origin}, Timeout: 5 * time.Minute}
	start  = time.Date(2026, 12, 2, 3, 0, 0, 0, time.UTC)
)

// signer is a credential's private half: its COSE public key and a way to
// sign as the algorithm says.
type signer struct {
	alg  int
	cose []byte
	sign func(msg []byte) []byte
}

// mustCBOR encodes v as CBOR.
func mustCBOR(t testing.TB, v any) []byte {
	t.Helper()
	b, err := cbor.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// rsaKeys are made once: a 2048-bit key takes a while.
var rsaKeys = sync.OnceValue(func() [2]*rsa.PrivateKey {
	var out [2]*rsa.PrivateKey
	for i := range out {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		out[i] = k
	}
	return out
})

// otherSigner is a key of the algorithm alg other than newSigner's.
func otherSigner(t testing.TB, alg int) signer {
	if alg != passkey.AlgRS256 {
		return newSigner(t, alg)
	}
	k := rsaKeys()[1]
	return signer{alg, nil, func(msg []byte) []byte {
		h := sha256.Sum256(msg)
		sig, err := rsa.SignPKCS1v15(nil, k, crypto.SHA256, h[:])
		if err != nil {
			t.Fatal(err)
		}
		return sig
	}}
}

// newSigner makes a key of the algorithm alg.
func newSigner(t testing.TB, alg int) signer {
	t.Helper()
	switch alg {
	case passkey.AlgES256:
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		pub, _ := k.PublicKey.Bytes()
		return signer{alg, mustCBOR(t, map[int]any{1: 2, 3: -7, -1: 1, -2: pub[1:33], -3: pub[33:]}), func(msg []byte) []byte {
			h := sha256.Sum256(msg)
			sig, err := ecdsa.SignASN1(rand.Reader, k, h[:])
			if err != nil {
				t.Fatal(err)
			}
			return sig
		}}
	case passkey.AlgEdDSA:
		pub, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return signer{alg, mustCBOR(t, map[int]any{1: 1, 3: -8, -1: 6, -2: []byte(pub)}), func(msg []byte) []byte { return ed25519.Sign(priv, msg) }}
	case passkey.AlgRS256:
		k := rsaKeys()[0]
		return signer{alg, mustCBOR(t, map[int]any{1: 3, 3: -257, -1: k.N.Bytes(), -2: big.NewInt(int64(k.E)).Bytes()}), func(msg []byte) []byte {
			h := sha256.Sum256(msg)
			sig, err := rsa.SignPKCS1v15(nil, k, crypto.SHA256, h[:])
			if err != nil {
				t.Fatal(err)
			}
			return sig
		}}
	}
	t.Fatalf("no algorithm %d", alg)
	return signer{}
}

// authData builds authenticator data: rpIdHash, flags, counter, then the
// attested credential data (AAGUID, id, key) when cose is given, then
// extra (extensions, or trailing bytes).
func authData(rpID string, flags passkey.Flags, count uint32, id, cose, extra []byte) []byte {
	h := sha256.Sum256([]byte(rpID))
	out := binary.BigEndian.AppendUint32(append(h[:], byte(flags)), count)
	if cose != nil {
		out = append(out, make([]byte, 16)...)
		out = binary.BigEndian.AppendUint16(out, uint16(len(id)))
		out = append(append(out, id...), cose...)
	}
	return append(out, extra...)
}

// clientData is client data as a browser writes it.
func clientData(fields map[string]any) []byte {
	b, _ := json.Marshal(fields)
	return b
}

// reg is a registration answer in parts, each of which a case can spoil.
type reg struct {
	ceremony   passkey.Ceremony
	now        time.Time
	client     map[string]any
	rawClient  []byte // instead of client when set
	rpID       string
	flags      passkey.Flags
	count      uint32
	credID     []byte
	rawID      []byte
	cose       []byte
	extra      []byte // after the attested credential data
	noAttested bool
	format     string
	attStmt    any
	object     []byte // instead of the attestation object built when set
	tail       []byte // after the attestation object
}

// goodReg is a good registration answer for a new key of algorithm alg.
func goodReg(t *testing.T, alg int) *reg {
	_, c := rp.BeginRegistration(passkey.User{Handle: []byte("handle"), Name: "pat"}, nil, start)
	id := make([]byte, 16)
	rand.Read(id)
	return &reg{ceremony: c, now: start.Add(time.Minute),
		client: map[string]any{"type": "webauthn.create", "challenge": c.Challenge, "origin": origin, "crossOrigin": false},
		rpID:   rp.ID, flags: passkey.FlagUserPresent | passkey.FlagUserVerified | passkey.FlagAttested,
		credID: id, rawID: id, cose: newSigner(t, alg).cose, format: "none", attStmt: map[string]any{}}
}

// response is the answer as the browser sends it, parsed.
func (r *reg) response(t *testing.T) *passkey.RegistrationResponse {
	t.Helper()
	cd := r.rawClient
	if cd == nil {
		cd = clientData(r.client)
	}
	obj := r.object
	if obj == nil {
		cose := r.cose
		if r.noAttested {
			cose = nil
		}
		obj = mustCBOR(t, map[string]any{"fmt": r.format, "attStmt": r.attStmt, "authData": authData(r.rpID, r.flags, r.count, r.credID, cose, r.extra)})
	}
	body, _ := json.Marshal(map[string]any{"id": b64.EncodeToString(r.rawID), "rawId": b64.EncodeToString(r.rawID), "type": "public-key",
		"response": map[string]any{"clientDataJSON": b64.EncodeToString(cd), "attestationObject": b64.EncodeToString(append(obj, r.tail...)),
			"transports": []string{"internal", "hybrid"}}})
	p, err := passkey.ParseRegistration(body)
	if err != nil {
		t.Fatalf("ParseRegistration: %v", err)
	}
	return p
}

// checkOf is the check err failed, 0 for none.
func checkOf(t *testing.T, err error) passkey.Check {
	t.Helper()
	if err == nil {
		return 0
	}
	var pe *passkey.Error
	if !errors.As(err, &pe) {
		t.Fatalf("%v is not a *passkey.Error", err)
	}
	return pe.Check
}

var algs = []struct {
	name string
	alg  int
}{{"ES256", passkey.AlgES256}, {"EdDSA", passkey.AlgEdDSA}, {"RS256", passkey.AlgRS256}}

// WebAuthn §7.1: a good registration of each algorithm is accepted with
// its id, key, counter, flags and format; each spoiled part fails its
// check.
func TestFinishRegistration(t *testing.T) {
	ext := mustCBOR(t, map[string]any{"credProtect": 2})
	cases := []struct {
		name  string
		spoil func(r *reg)
		want  passkey.Check
	}{
		{"good", func(r *reg) {}, 0},
		{"user verification preferred, not given", func(r *reg) { r.flags &^= passkey.FlagUserVerified }, 0},
		{"backed up", func(r *reg) { r.flags |= passkey.FlagBackupEligible | passkey.FlagBackupState }, 0},
		{"packed attestation, taken unchecked", func(r *reg) { r.format, r.attStmt = "packed", map[string]any{"alg": -7, "sig": []byte{1}} }, 0},
		{"extensions", func(r *reg) { r.flags |= passkey.FlagExtensions; r.extra = ext }, 0},
		{"no crossOrigin member", func(r *reg) { delete(r.client, "crossOrigin") }, 0},
		{"type webauthn.get", func(r *reg) { r.client["type"] = "webauthn.get" }, passkey.CheckType},
		{"another challenge", func(r *reg) { r.client["challenge"] = b64.EncodeToString(make([]byte, 32)) }, passkey.CheckChallenge},
		{"no challenge", func(r *reg) { delete(r.client, "challenge") }, passkey.CheckChallenge},
		{"another origin", func(r *reg) { r.client["origin"] = "https://evil.example" }, passkey.CheckOrigin},
		{"http origin", func(r *reg) { r.client["origin"] = "http://journal.example" }, passkey.CheckOrigin},
		{"cross origin", func(r *reg) { r.client["crossOrigin"] = true }, passkey.CheckCrossOrigin},
		{"top origin", func(r *reg) { r.client["topOrigin"] = "https://evil.example" }, passkey.CheckCrossOrigin},
		{"client data not JSON", func(r *reg) { r.rawClient = []byte("{") }, passkey.CheckParse},
		{"client data not UTF-8", func(r *reg) { r.rawClient = []byte("{\"type\":\"\xff\"}") }, passkey.CheckParse},
		{"another RP ID", func(r *reg) { r.rpID = "evil.example" }, passkey.CheckRPID},
		{"no user presence", func(r *reg) { r.flags &^= passkey.FlagUserPresent }, passkey.CheckPresence},
		{"no user verification when required", func(r *reg) {
			r.ceremony.UserVerification = passkey.VerificationRequired
			r.flags &^= passkey.FlagUserVerified
		}, passkey.CheckVerification},
		{"backup state without eligibility", func(r *reg) { r.flags |= passkey.FlagBackupState }, passkey.CheckBackup},
		{"no attested credential data", func(r *reg) { r.flags &^= passkey.FlagAttested; r.noAttested = true }, passkey.CheckAttested},
		{"AT set, data missing", func(r *reg) { r.noAttested = true }, passkey.CheckParse},
		{"credential id not rawId", func(r *reg) { r.rawID = []byte("another") }, passkey.CheckAttested},
		{"credential id of 1024 bytes", func(r *reg) { r.credID = make([]byte, 1024); r.rawID = r.credID }, passkey.CheckParse},
		{"credential id of 1023 bytes", func(r *reg) { r.credID = make([]byte, 1023); r.rawID = r.credID }, 0},
		{"trailing bytes in authData", func(r *reg) { r.extra = []byte{0} }, passkey.CheckParse},
		{"ED set, no extensions", func(r *reg) { r.flags |= passkey.FlagExtensions }, passkey.CheckParse},
		{"extensions without ED", func(r *reg) { r.extra = ext }, passkey.CheckParse},
		{"truncated key", func(r *reg) { r.cose = r.cose[:len(r.cose)-1] }, passkey.CheckParse},
		{"trailing bytes after the object", func(r *reg) { r.tail = []byte{0} }, passkey.CheckParse},
		{"attStmt not a map", func(r *reg) { r.attStmt = "none" }, passkey.CheckParse},
		{"no fmt", func(r *reg) { r.format = "" }, passkey.CheckParse},
		{"object not a map", func(r *reg) { r.object = mustCBOR(t, []int{1}) }, passkey.CheckParse},
		{"duplicate fmt", func(r *reg) {
			// a3 63"fmt" 64"none" 63"fmt" 64"none" 68"authData" 40
			r.object = append([]byte{0xa3, 0x63}, "fmt\x64none\x63fmt\x64none\x68authData\x40"...)
		}, passkey.CheckParse},
		{"ES384 key", func(r *reg) {
			r.cose = mustCBOR(t, map[int]any{1: 2, 3: -35, -1: 2, -2: make([]byte, 48), -3: make([]byte, 48)})
		}, passkey.CheckKey},
		{"ES256 point not on the curve", func(r *reg) {
			r.cose = mustCBOR(t, map[int]any{1: 2, 3: -7, -1: 1, -2: make([]byte, 32), -3: make([]byte, 32)})
		}, passkey.CheckKey},
		{"ES256 on P-384", func(r *reg) {
			var m map[int]any
			cbor.Unmarshal(newSigner(t, passkey.AlgES256).cose, &m)
			m[-1] = 2
			r.cose = mustCBOR(t, m)
		}, passkey.CheckKey},
		{"RS256 with 1024 bits", func(r *reg) {
			k, err := rsa.GenerateKey(rand.Reader, 1024)
			if err != nil {
				t.Fatal(err)
			}
			r.cose = mustCBOR(t, map[int]any{1: 3, 3: -257, -1: k.N.Bytes(), -2: []byte{1, 0, 1}})
		}, passkey.CheckKey},
		{"EdDSA on X25519", func(r *reg) { r.cose = mustCBOR(t, map[int]any{1: 1, 3: -8, -1: 4, -2: make([]byte, 32)}) }, passkey.CheckKey},
		{"key without alg", func(r *reg) { r.cose = mustCBOR(t, map[int]any{1: 1, -1: 6, -2: make([]byte, 32)}) }, passkey.CheckKey},
		{"run out", func(r *reg) { r.now = r.ceremony.Expires.Add(time.Millisecond) }, passkey.CheckTimeout},
		{"no ceremony", func(r *reg) { r.ceremony = passkey.Ceremony{} }, passkey.CheckTimeout},
	}
	for _, a := range algs {
		for _, c := range cases {
			t.Run(a.name+"/"+c.name, func(t *testing.T) {
				r := goodReg(t, a.alg)
				c.spoil(r)
				cred, err := rp.FinishRegistration(r.ceremony, r.response(t), r.now)
				if got := checkOf(t, err); got != c.want {
					t.Fatalf("check %d (%v), want %d", got, err, c.want)
				}
				if err != nil {
					return
				}
				want := &passkey.Credential{ID: r.credID, PublicKey: r.cose, SignCount: r.count, Flags: r.flags,
					AAGUID: make([]byte, 16), Format: r.format, Transports: []string{"internal", "hybrid"}}
				if diff := cmp.Diff(want, cred); diff != "" {
					t.Errorf("credential (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// asr is a sign-in answer in parts, each of which a case can spoil.
type asr struct {
	ceremony passkey.Ceremony
	now      time.Time
	client   map[string]any
	rpID     string
	flags    passkey.Flags
	count    uint32
	extra    []byte // after the counter
	rawID    []byte
	handle   []byte
	sign     func([]byte) []byte
	spoilSig func([]byte) []byte
	owner    []byte
	cred     passkey.Credential
	alg      int
	cut      int // bytes cut off the end of authData
}

// goodAsr is a good sign-in answer with a credential of algorithm alg.
func goodAsr(t testing.TB, alg int) *asr {
	s := newSigner(t, alg)
	_, c := rp.BeginLogin(start)
	id := []byte("credential-id")
	return &asr{ceremony: c, now: start.Add(time.Minute),
		client: map[string]any{"type": "webauthn.get", "challenge": c.Challenge, "origin": origin, "crossOrigin": false},
		rpID:   rp.ID, flags: passkey.FlagUserPresent | passkey.FlagUserVerified, count: 8, rawID: id,
		handle: []byte("handle"), sign: s.sign, owner: []byte("handle"), alg: alg,
		cred: passkey.Credential{ID: id, PublicKey: s.cose, SignCount: 7, Flags: passkey.FlagUserPresent | passkey.FlagUserVerified | passkey.FlagAttested}}
}

// response is the answer as the browser sends it, parsed.
func (a *asr) response(t testing.TB) *passkey.AssertionResponse {
	t.Helper()
	cd := clientData(a.client)
	ad := authData(a.rpID, a.flags, a.count, nil, nil, a.extra)
	ad = ad[:len(ad)-a.cut]
	h := sha256.Sum256(cd)
	sig := a.sign(append(append([]byte{}, ad...), h[:]...))
	if a.spoilSig != nil {
		sig = a.spoilSig(sig)
	}
	body, _ := json.Marshal(map[string]any{"id": b64.EncodeToString(a.rawID), "rawId": b64.EncodeToString(a.rawID), "type": "public-key",
		"response": map[string]any{"clientDataJSON": b64.EncodeToString(cd), "authenticatorData": b64.EncodeToString(ad),
			"signature": b64.EncodeToString(sig), "userHandle": b64.EncodeToString(a.handle)}})
	p, err := passkey.ParseAssertion(body)
	if err != nil {
		t.Fatalf("ParseAssertion: %v", err)
	}
	return p
}

// WebAuthn §7.2: a good sign-in with each algorithm is accepted with its
// new counter and flags; each spoiled part fails its check.
func TestVerifyAssertion(t *testing.T) {
	cases := []struct {
		name  string
		spoil func(t *testing.T, a *asr)
		want  passkey.Check
	}{
		{"good", func(t *testing.T, a *asr) {}, 0},
		{"no user verification, preferred", func(t *testing.T, a *asr) { a.flags &^= passkey.FlagUserVerified }, 0},
		{"counters both zero", func(t *testing.T, a *asr) { a.count, a.cred.SignCount = 0, 0 }, 0},
		{"counter from zero", func(t *testing.T, a *asr) { a.count, a.cred.SignCount = 1, 0 }, 0},
		{"type webauthn.create", func(t *testing.T, a *asr) { a.client["type"] = "webauthn.create" }, passkey.CheckType},
		{"another challenge", func(t *testing.T, a *asr) { a.client["challenge"] = b64.EncodeToString(make([]byte, 32)) }, passkey.CheckChallenge},
		{"another origin", func(t *testing.T, a *asr) { a.client["origin"] = "https://evil.example" }, passkey.CheckOrigin},
		{"cross origin", func(t *testing.T, a *asr) { a.client["crossOrigin"] = true }, passkey.CheckCrossOrigin},
		{"another RP ID", func(t *testing.T, a *asr) { a.rpID = "evil.example" }, passkey.CheckRPID},
		{"no user presence", func(t *testing.T, a *asr) { a.flags &^= passkey.FlagUserPresent }, passkey.CheckPresence},
		{"no user verification when required", func(t *testing.T, a *asr) {
			a.ceremony.UserVerification = passkey.VerificationRequired
			a.flags &^= passkey.FlagUserVerified
		}, passkey.CheckVerification},
		{"backup state without eligibility", func(t *testing.T, a *asr) { a.flags |= passkey.FlagBackupState }, passkey.CheckBackup},
		{"backup eligibility changed", func(t *testing.T, a *asr) { a.flags |= passkey.FlagBackupEligible }, passkey.CheckBackup},
		{"another key's signature", func(t *testing.T, a *asr) { a.sign = otherSigner(t, a.alg).sign }, passkey.CheckSignature},
		{"signature spoiled", func(t *testing.T, a *asr) { a.spoilSig = func(s []byte) []byte { s[len(s)-1] ^= 1; return s } }, passkey.CheckSignature},
		{"signature truncated", func(t *testing.T, a *asr) { a.spoilSig = func(s []byte) []byte { return s[:len(s)-1] } }, passkey.CheckSignature},
		{"stored key damaged", func(t *testing.T, a *asr) { a.cred.PublicKey = a.cred.PublicKey[:3] }, passkey.CheckSignature},
		{"counter the same", func(t *testing.T, a *asr) { a.count = a.cred.SignCount }, passkey.CheckCounter},
		{"counter lower", func(t *testing.T, a *asr) { a.count = a.cred.SignCount - 1 }, passkey.CheckCounter},
		{"counter to zero", func(t *testing.T, a *asr) { a.count = 0 }, passkey.CheckCounter},
		{"another credential", func(t *testing.T, a *asr) { a.rawID = []byte("another") }, passkey.CheckCredential},
		{"another owner", func(t *testing.T, a *asr) { a.owner = []byte("another") }, passkey.CheckUser},
		{"truncated authData", func(t *testing.T, a *asr) { a.cut = 1 }, passkey.CheckParse},
		{"trailing bytes in authData", func(t *testing.T, a *asr) { a.extra = []byte{0} }, passkey.CheckParse},
		{"attested data in an assertion", func(t *testing.T, a *asr) { a.flags |= passkey.FlagAttested }, passkey.CheckParse},
		{"run out", func(t *testing.T, a *asr) { a.now = a.ceremony.Expires.Add(time.Millisecond) }, passkey.CheckTimeout},
	}
	for _, al := range algs {
		for _, c := range cases {
			t.Run(al.name+"/"+c.name, func(t *testing.T) {
				a := goodAsr(t, al.alg)
				c.spoil(t, a)
				login, err := rp.VerifyAssertion(a.ceremony, a.response(t), a.owner, a.cred, a.now)
				if got := checkOf(t, err); got != c.want {
					t.Fatalf("check %d (%v), want %d", got, err, c.want)
				}
				if err != nil {
					return
				}
				want := &passkey.Login{SignCount: a.count, Flags: a.flags&^passkey.FlagUserVerified | a.cred.Flags&passkey.FlagUserVerified}
				if diff := cmp.Diff(want, login); diff != "" {
					t.Errorf("login (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// The options are what passkey.js and the browser read (WebAuthn §5.4,
// §5.5), the challenge fresh each time and the same as the ceremony's.
func TestBegin(t *testing.T) {
	user := passkey.User{Handle: []byte{1, 2, 3}, Name: "pat"}
	exclude := []passkey.Descriptor{{Type: "public-key", ID: []byte{9, 9}, Transports: []string{"internal"}}}
	o, c := rp.BeginRegistration(user, exclude, start)
	o2, c2 := rp.BeginRegistration(user, exclude, start)
	if len(o.PublicKey.Challenge) != 32 || c.Challenge != b64.EncodeToString(o.PublicKey.Challenge) || c.Challenge == c2.Challenge || o2.PublicKey.Challenge == nil {
		t.Errorf("challenges %q %q, options %x", c.Challenge, c2.Challenge, o.PublicKey.Challenge)
	}
	got, _ := json.Marshal(o)
	want := `{"publicKey":{"rp":{"name":"unhunch","id":"journal.example"},"user":{"name":"pat","displayName":"pat","id":"AQID"},` +
		`"challenge":"` + c.Challenge + `","pubKeyCredParams":[{"type":"public-key","alg":-7},{"type":"public-key","alg":-8},{"type":"public-key","alg":-257}],` +
		`"timeout":300000,"excludeCredentials":[{"type":"public-key","id":"CQk","transports":["internal"]}],` +
		`"authenticatorSelection":{"requireResidentKey":true,"residentKey":"required","userVerification":"preferred"},"attestation":"none"}}`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("creation options (-want +got):\n%s", diff)
	}
	wantC := passkey.Ceremony{Challenge: c.Challenge, RPID: "journal.example", UserHandle: []byte{1, 2, 3}, Expires: start.Add(5 * time.Minute), UserVerification: "preferred"}
	if diff := cmp.Diff(wantC, c); diff != "" {
		t.Errorf("registration ceremony (-want +got):\n%s", diff)
	}

	lo, lc := rp.BeginLogin(start)
	got, _ = json.Marshal(lo)
	want = `{"publicKey":{"challenge":"` + lc.Challenge + `","timeout":300000,"rpId":"journal.example","userVerification":"preferred"}}`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("request options (-want +got):\n%s", diff)
	}
	// Kept as JSON in the web session, it comes back the same.
	kept, _ := json.Marshal(lc)
	var back passkey.Ceremony
	if err := json.Unmarshal(kept, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(lc, back); diff != "" {
		t.Errorf("ceremony through JSON (-want +got):\n%s", diff)
	}
}

// The answers' JSON (WebAuthn §5.1): id is rawId in base64url, type is
// public-key, the response's parts are there, and a sign-in names its
// user (§7.2 step 6).
func TestParseAnswers(t *testing.T) {
	reg := `{"id":"AQID","rawId":"AQID","type":"public-key","response":{"clientDataJSON":"e30","attestationObject":"oA"}}`
	asr := `{"id":"AQID","rawId":"AQID","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AA","signature":"AA","userHandle":"AA"}}`
	cases := []struct {
		name, body string
		assertion  bool
		want       passkey.Check
	}{
		{"registration", reg, false, 0},
		{"registration, padded", `{"id":"AQI=","rawId":"AQI=","type":"public-key","response":{"clientDataJSON":"e30=","attestationObject":"oA=="}}`, false, 0},
		{"registration, not JSON", `{`, false, passkey.CheckParse},
		{"registration, bad base64url", `{"id":"AQID","rawId":"A+ID","type":"public-key"}`, false, passkey.CheckParse},
		{"registration, no rawId", `{"id":"","rawId":"","type":"public-key","response":{"clientDataJSON":"e30","attestationObject":"oA"}}`, false, passkey.CheckParse},
		{"registration, id not rawId", `{"id":"AQIE","rawId":"AQID","type":"public-key","response":{"clientDataJSON":"e30","attestationObject":"oA"}}`, false, passkey.CheckParse},
		{"registration, another type", `{"id":"AQID","rawId":"AQID","type":"password","response":{"clientDataJSON":"e30","attestationObject":"oA"}}`, false, passkey.CheckParse},
		{"registration, no attestation object", `{"id":"AQID","rawId":"AQID","type":"public-key","response":{"clientDataJSON":"e30"}}`, false, passkey.CheckParse},
		{"assertion", asr, true, 0},
		{"assertion, no signature", `{"id":"AQID","rawId":"AQID","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AA","userHandle":"AA"}}`, true, passkey.CheckParse},
		{"assertion, no user handle", `{"id":"AQID","rawId":"AQID","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AA","signature":"AA"}}`, true, passkey.CheckUser},
		{"assertion, id not rawId", `{"id":"AQIE","rawId":"AQID","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AA","signature":"AA","userHandle":"AA"}}`, true, passkey.CheckParse},
		{"assertion, an array", `[]`, true, passkey.CheckParse},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			if c.assertion {
				_, err = passkey.ParseAssertion([]byte(c.body))
			} else {
				_, err = passkey.ParseRegistration([]byte(c.body))
			}
			if got := checkOf(t, err); got != c.want {
				t.Errorf("check %d (%v), want %d", got, err, c.want)
			}
		})
	}
}

// WebAuthn §6.1: authenticator data is 37 bytes and more; what follows is
// exactly what AT and ED say.
func TestParseAuthData(t *testing.T) {
	s := newSigner(t, passkey.AlgES256)
	ext := mustCBOR(t, map[string]any{"credProtect": 2})
	cases := []struct {
		name string
		data []byte
		ok   bool
	}{
		{"bare", authData("x", passkey.FlagUserPresent, 1, nil, nil, nil), true},
		{"36 bytes", authData("x", passkey.FlagUserPresent, 1, nil, nil, nil)[:36], false},
		{"empty", nil, false},
		{"attested", authData("x", passkey.FlagAttested, 1, []byte{1}, s.cose, nil), true},
		{"attested, id length 0", authData("x", passkey.FlagAttested, 1, nil, s.cose, nil), false},
		{"attested, id longer than the rest", authData("x", passkey.FlagAttested, 1, make([]byte, 300), s.cose, nil)[:100], false},
		{"attested, no key", authData("x", passkey.FlagAttested, 1, []byte{1}, []byte{}, nil), false},
		{"attested and extensions", authData("x", passkey.FlagAttested|passkey.FlagExtensions, 1, []byte{1}, s.cose, ext), true},
		{"extensions", authData("x", passkey.FlagExtensions, 1, nil, nil, ext), true},
		{"extensions not a map", authData("x", passkey.FlagExtensions, 1, nil, nil, mustCBOR(t, 1)), false},
		{"extensions and a byte", authData("x", passkey.FlagExtensions, 1, nil, nil, append(ext, 0)), false},
		{"a byte", authData("x", 0, 1, nil, nil, []byte{0}), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := passkey.ParseAuthData(c.data)
			if (err == nil) != c.ok {
				t.Fatalf("err %v, want ok %v", err, c.ok)
			}
			if err == nil && (a.SignCount != 1 || a.RPIDHash != sha256.Sum256([]byte("x"))) {
				t.Errorf("parsed %+v", a)
			}
		})
	}
}

// BenchmarkVerifyAssertion is one sign-in's checks with an ES256 passkey
// (parsing the answer's JSON included).
func BenchmarkVerifyAssertion(b *testing.B) {
	a := goodAsr(b, passkey.AlgES256)
	raw, err := json.Marshal(a.response(b))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		p, err := passkey.ParseAssertion(raw)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := rp.VerifyAssertion(a.ceremony, p, a.owner, a.cred, a.now); err != nil {
			b.Fatal(err)
		}
	}
}
