// Package passkey is unhunch's WebAuthn relying party (issue 17): the
// options a browser needs to make or use a passkey, and the checks of its
// answers, as the W3C's Web Authentication Level 3 (§7.1 "Registering a
// New Credential", §7.2 "Verifying an Authentication Assertion") lists
// them. It does no I/O: the caller keeps the ceremony (Ceremony) between
// its begin and its finish, and keeps the credentials.
//
// Attestation: the options ask for "none", and any attestation statement
// an authenticator sends anyway is accepted unchecked, whatever its
// format: checking one needs a list of authenticator makers and their
// roots, which unhunch does not keep (a passkey proves its holder, not its
// maker).
package passkey

import (
	"crypto/rand"
	"encoding/base64"
	"time"
)

// Flags are the flags byte of authenticator data (WebAuthn §6.1).
type Flags byte

// The flags of authenticator data (WebAuthn §6.1, "flags").
const (
	FlagUserPresent    Flags = 0x01 // UP: the user was present
	FlagUserVerified   Flags = 0x04 // UV: the user was verified (PIN, biometrics)
	FlagBackupEligible Flags = 0x08 // BE: the credential may be backed up (synced)
	FlagBackupState    Flags = 0x10 // BS: the credential is backed up
	FlagAttested       Flags = 0x40 // AT: attested credential data follows
	FlagExtensions     Flags = 0x80 // ED: extension data follows
)

// The COSE algorithms a passkey's key may use (IANA COSE Algorithms).
const (
	AlgES256 = -7   // ECDSA with SHA-256 on P-256
	AlgEdDSA = -8   // EdDSA (Ed25519)
	AlgRS256 = -257 // RSASSA-PKCS1-v1_5 with SHA-256
)

// User verification requirements (WebAuthn §5.8.6).
const (
	VerificationRequired  = "required"
	VerificationPreferred = "preferred"
)

// challengeSize is the length of a challenge in bytes: at least 16
// (WebAuthn §13.4.3, "Cryptographic Challenges").
const challengeSize = 32

// RelyingParty is the site passkeys are made for: its RP ID (a domain
// name, WebAuthn §5.1.2 / §4 "RP ID"), its name shown by the browser, the
// origins its pages have, and how long a ceremony may take.
type RelyingParty struct {
	ID      string
	Name    string
	Origins []string
	Timeout time.Duration
}

// User is an account as an authenticator keeps it: its user handle (at
// most 64 bytes, WebAuthn §5.4.3) and its name.
type User struct {
	Handle []byte
	Name   string
}

// Descriptor names a credential in options (WebAuthn §5.8.3).
type Descriptor struct {
	Type       string   `json:"type"`
	ID         Bytes    `json:"id"`
	Transports []string `json:"transports,omitempty"`
}

// Bytes is binary data written in JSON as base64url without padding, as
// WebAuthn's JSON forms have it.
type Bytes []byte

// MarshalText writes b as base64url without padding.
func (b Bytes) MarshalText() ([]byte, error) {
	return []byte(base64.RawURLEncoding.EncodeToString(b)), nil
}

// UnmarshalText reads base64url, with or without padding.
func (b *Bytes) UnmarshalText(text []byte) error {
	out, err := decodeB64(string(text))
	if err != nil {
		return err
	}
	*b = out
	return nil
}

// CreationOptions is the answer to a registration's begin: what
// navigator.credentials.create() takes, binary fields in base64url.
type CreationOptions struct {
	PublicKey PublicKeyCreationOptions `json:"publicKey"`
}

// PublicKeyCreationOptions is WebAuthn's PublicKeyCredentialCreationOptions
// (§5.4), as far as unhunch fills it.
type PublicKeyCreationOptions struct {
	RP struct {
		Name string `json:"name"`
		ID   string `json:"id"`
	} `json:"rp"`
	User struct {
		Name        string `json:"name"`
		DisplayName string `json:"displayName"`
		ID          Bytes  `json:"id"`
	} `json:"user"`
	Challenge              Bytes                  `json:"challenge"`
	Params                 []Param                `json:"pubKeyCredParams"`
	Timeout                int64                  `json:"timeout,omitempty"`
	Exclude                []Descriptor           `json:"excludeCredentials,omitempty"`
	AuthenticatorSelection AuthenticatorSelection `json:"authenticatorSelection"`
	Attestation            string                 `json:"attestation"`
}

// Param is a key type and algorithm the relying party takes (§5.3).
type Param struct {
	Type string `json:"type"`
	Alg  int    `json:"alg"`
}

// AuthenticatorSelection is what the relying party asks of the
// authenticator (§5.4.4).
type AuthenticatorSelection struct {
	RequireResidentKey bool   `json:"requireResidentKey"`
	ResidentKey        string `json:"residentKey"`
	UserVerification   string `json:"userVerification"`
}

// RequestOptions is the answer to a sign-in's begin: what
// navigator.credentials.get() takes.
type RequestOptions struct {
	PublicKey PublicKeyRequestOptions `json:"publicKey"`
}

// PublicKeyRequestOptions is WebAuthn's PublicKeyCredentialRequestOptions
// (§5.5), as far as unhunch fills it: no allowCredentials, so that the
// authenticator offers its discoverable credentials.
type PublicKeyRequestOptions struct {
	Challenge        Bytes  `json:"challenge"`
	Timeout          int64  `json:"timeout,omitempty"`
	RPID             string `json:"rpId"`
	UserVerification string `json:"userVerification"`
}

// Ceremony is the relying party's half of a ceremony, kept on the server
// between its begin and its finish and never shown to the browser. Its
// JSON names are those go-webauthn's session data had, so a ceremony
// begun before an upgrade still finishes after it.
type Ceremony struct {
	Challenge        string    `json:"challenge"` // base64url, as the client data has it
	RPID             string    `json:"rpId"`
	UserHandle       []byte    `json:"user_id,omitempty"` // registration: whose passkey it will be
	Expires          time.Time `json:"expires"`
	UserVerification string    `json:"userVerification"`
}

// params are the algorithms offered, most preferred first (WebAuthn §5.4
// "pubKeyCredParams"; §7.1 step 21 checks the new key against them).
var params = []Param{{"public-key", AlgES256}, {"public-key", AlgEdDSA}, {"public-key", AlgRS256}}

// newChallenge returns a fresh random challenge.
func newChallenge() Bytes {
	b := make(Bytes, challengeSize)
	rand.Read(b) // never fails (crypto/rand since Go 1.24)
	return b
}

// BeginRegistration starts adding a passkey for user at time now: a
// discoverable credential ("resident key" required, so that signing in
// needs no name), user verification preferred, attestation "none", and
// none of the credentials in exclude (the user's own, §5.4
// "excludeCredentials").
func (rp RelyingParty) BeginRegistration(user User, exclude []Descriptor, now time.Time) (CreationOptions, Ceremony) {
	var o CreationOptions
	p := &o.PublicKey
	p.RP.Name, p.RP.ID = rp.Name, rp.ID
	p.User.Name, p.User.DisplayName, p.User.ID = user.Name, user.Name, user.Handle
	p.Challenge = newChallenge()
	p.Params = params
	p.Timeout = rp.Timeout.Milliseconds()
	p.Exclude = exclude
	p.AuthenticatorSelection = AuthenticatorSelection{RequireResidentKey: true, ResidentKey: "required", UserVerification: VerificationPreferred}
	p.Attestation = "none"
	return o, Ceremony{Challenge: base64.RawURLEncoding.EncodeToString(p.Challenge), RPID: rp.ID,
		UserHandle: user.Handle, Expires: now.Add(rp.Timeout), UserVerification: VerificationPreferred}
}

// BeginLogin starts signing in with a discoverable passkey at time now:
// no credentials listed, user verification preferred.
func (rp RelyingParty) BeginLogin(now time.Time) (RequestOptions, Ceremony) {
	o := RequestOptions{PublicKey: PublicKeyRequestOptions{Challenge: newChallenge(), Timeout: rp.Timeout.Milliseconds(),
		RPID: rp.ID, UserVerification: VerificationPreferred}}
	return o, Ceremony{Challenge: base64.RawURLEncoding.EncodeToString(o.PublicKey.Challenge), RPID: rp.ID,
		Expires: now.Add(rp.Timeout), UserVerification: VerificationPreferred}
}
