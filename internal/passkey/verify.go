package passkey

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"time"
)

// The client data types of the two ceremonies (WebAuthn §5.8.1).
const (
	typeCreate = "webauthn.create"
	typeGet    = "webauthn.get"
)

// maxTransports and maxTransportLen bound the transports kept with a
// passkey: the browser's hints, kept as it sends them (§7.1 step 27),
// within reason.
const (
	maxTransports   = 8
	maxTransportLen = 32
)

// Credential is a passkey as the relying party keeps it: what a
// registration gives, and what a sign-in checks against.
type Credential struct {
	ID         []byte
	PublicKey  []byte // the COSE key, as sent
	SignCount  uint32
	Flags      Flags // UP, UV, BE, BS as last seen (and AT, ED as sent)
	AAGUID     []byte
	Format     string // the attestation statement's format
	Transports []string
}

// checkClientData checks the client data of a ceremony (§7.1 steps 7–11,
// §7.2 steps 11–14).
func (rp RelyingParty) checkClientData(c Ceremony, raw []byte, typ string) error {
	cd, err := ParseClientData(raw)
	if err != nil {
		return err
	}
	// §7.1 step 7 / §7.2 step 11: "Verify that the value of C.type is
	// webauthn.create" (webauthn.get for an assertion).
	if cd.Type != typ {
		return fail(CheckType, "Error validating ceremony type", nil)
	}
	// §7.1 step 8 / §7.2 step 12: "Verify that the value of C.challenge
	// equals the base64url encoding of pkOptions.challenge". Compared in
	// constant time.
	if c.Challenge == "" || subtle.ConstantTimeCompare([]byte(cd.Challenge), []byte(c.Challenge)) != 1 {
		return fail(CheckChallenge, "Error validating challenge", nil)
	}
	// §7.1 step 9 / §7.2 step 13: "Verify that the value of C.origin is an
	// origin expected by the Relying Party" (§13.4.9).
	ok := false
	for _, o := range rp.Origins {
		ok = ok || o == cd.Origin
	}
	if !ok {
		return fail(CheckOrigin, "Error validating origin", nil)
	}
	// §7.1 step 10 / §7.2 step 14: "If C.crossOrigin is present and set to
	// true, verify that the Relying Party expects this credential to be
	// used within an iframe that is not same-origin with its ancestors";
	// unhunch's pages are never framed by another site, so it is refused,
	// and with it a topOrigin (present only when crossOrigin is true).
	if (cd.CrossOrigin != nil && *cd.CrossOrigin) || cd.TopOrigin != "" {
		return fail(CheckCrossOrigin, "Error validating cross origin flag", nil)
	}
	return nil
}

// checkAuthData checks authenticator data against the ceremony (§7.1
// steps 13–17, §7.2 steps 15–18).
func (rp RelyingParty) checkAuthData(c Ceremony, a *AuthData) error {
	// §7.1 step 13 / §7.2 step 15: "Verify that the rpIdHash in authData
	// is the SHA-256 hash of the RP ID expected by the Relying Party".
	want := sha256.Sum256([]byte(c.RPID))
	if c.RPID == "" || subtle.ConstantTimeCompare(a.RPIDHash[:], want[:]) != 1 {
		return fail(CheckRPID, "Error validating the relying party id hash", nil)
	}
	// §7.1 step 14 / §7.2 step 16: "Verify that the UP bit of the flags in
	// authData is set" (unhunch never uses conditional creation).
	if a.Flags&FlagUserPresent == 0 {
		return fail(CheckPresence, "User presence required but flag not set by authenticator", nil)
	}
	// §7.1 step 15 / §7.2 step 17: "If user verification is required …
	// verify that the UV bit of the flags in authData is set".
	if c.UserVerification == VerificationRequired && a.Flags&FlagUserVerified == 0 {
		return fail(CheckVerification, "User verification required but flag not set by authenticator", nil)
	}
	// §7.1 step 16 / §7.2 step 18: "If the BE bit of the flags in authData
	// is not set, verify that the BS bit is not set".
	if a.Flags&FlagBackupEligible == 0 && a.Flags&FlagBackupState != 0 {
		return fail(CheckBackup, "Backup State Flag is true but Backup Eligible flag is false which is invalid", nil)
	}
	return nil
}

// checkTimeout refuses a ceremony finished after its time (§5.4 and §5.5
// "timeout"; §13.4.3: a challenge is good for one ceremony, within its
// time).
func checkTimeout(c Ceremony, now time.Time) error {
	if c.Expires.IsZero() || now.After(c.Expires) {
		return fail(CheckTimeout, "Session has Expired", nil)
	}
	return nil
}

// FinishRegistration checks the browser's answer to a registration begun
// with ceremony c (WebAuthn §7.1) at time now, and returns the new
// credential for the caller to keep (who checks that its id is not kept
// already, §7.1 step 27 in Level 3).
func (rp RelyingParty) FinishRegistration(c Ceremony, r *RegistrationResponse, now time.Time) (*Credential, error) {
	if err := checkTimeout(c, now); err != nil {
		return nil, err
	}
	if err := rp.checkClientData(c, r.Response.ClientDataJSON, typeCreate); err != nil {
		return nil, err
	}
	// §7.1 step 12: CBOR decoding of the attestation object.
	att, err := ParseAttestation(r.Response.AttestationObject)
	if err != nil {
		return nil, err
	}
	a := att.AuthData
	if err := rp.checkAuthData(c, a); err != nil {
		return nil, err
	}
	// §7.1 step 20 (Level 3 step 21): the attested credential data (AT) is
	// there, its key of an algorithm offered (ParsePublicKey checked), and
	// its credential id is the credential's own (rawId), at most 1023
	// bytes (step 26; ParseAuthData checked).
	if a.Flags&FlagAttested == 0 || a.Key == nil {
		return nil, fail(CheckAttested, "Attestation missing attested credential data flag", nil)
	}
	if !bytes.Equal(a.CredID, r.RawID) {
		return nil, fail(CheckAttested, "Error validating the attested credential id", nil)
	}
	// §7.1 steps 18–19 (extensions: none asked for; unsolicited ones were
	// parsed and are ignored) and 22–25 (the attestation statement):
	// any fmt is taken and its statement is not verified, as the options
	// asked for "none" and unhunch keeps no list of authenticator makers
	// to check one against (see the package comment).
	cr := &Credential{ID: a.CredID, PublicKey: a.PublicKey, SignCount: a.SignCount, Flags: a.Flags,
		AAGUID: a.AAGUID, Format: att.Format}
	for _, t := range r.Response.Transports {
		if len(cr.Transports) < maxTransports && t != "" && len(t) <= maxTransportLen {
			cr.Transports = append(cr.Transports, t)
		}
	}
	return cr, nil
}

// Login is what a verified sign-in says to keep: the credential's new
// signature counter and flags.
type Login struct {
	SignCount uint32
	Flags     Flags
}

// VerifyAssertion checks the browser's answer to a sign-in begun with
// ceremony c (WebAuthn §7.2) at time now, against the credential the
// caller looked up by the answer's rawId among the passkeys of the
// account the answer's user handle names (owner). A counter that did not
// move on is an Error with CheckCounter, after every other check passed.
func (rp RelyingParty) VerifyAssertion(c Ceremony, r *AssertionResponse, owner []byte, cred Credential, now time.Time) (*Login, error) {
	if err := checkTimeout(c, now); err != nil {
		return nil, err
	}
	// §7.2 step 5: no allowCredentials were given (a discoverable sign-in),
	// so any of the account's credentials will do; step 6: "verify that
	// the user account identified by response.userHandle contains a
	// credential record whose id equals credential.rawId".
	if !bytes.Equal(r.RawID, cred.ID) {
		return nil, fail(CheckCredential, "The credential ID provided is not owned by the user", nil)
	}
	if len(r.Response.UserHandle) == 0 || !bytes.Equal(r.Response.UserHandle, owner) {
		return nil, fail(CheckUser, "User handle and User ID do not match", nil)
	}
	if err := rp.checkClientData(c, r.Response.ClientDataJSON, typeGet); err != nil {
		return nil, err
	}
	a, err := ParseAuthData(r.Response.AuthenticatorData)
	if err != nil {
		return nil, err
	}
	if err := rp.checkAuthData(c, a); err != nil {
		return nil, err
	}
	// §7.2 step 18 (Level 3): a credential's backup eligibility does not
	// change ("BE … is set at credential creation and cannot change").
	if a.Flags&FlagBackupEligible != cred.Flags&FlagBackupEligible {
		return nil, fail(CheckBackup, "Backup Eligible flag inconsistency detected during login validation", nil)
	}
	// §7.2 steps 20–21: "Let hash be the result of computing a hash over
	// the cData using SHA-256 … verify that sig is a valid signature over
	// the binary concatenation of authData and hash".
	key, err := ParsePublicKey(cred.PublicKey)
	if err != nil {
		return nil, fail(CheckSignature, "Error parsing the assertion public key", err)
	}
	h := sha256.Sum256(r.Response.ClientDataJSON)
	msg := append(append(make([]byte, 0, len(r.Response.AuthenticatorData)+len(h)), r.Response.AuthenticatorData...), h[:]...)
	if !key.Verify(msg, r.Response.Signature) {
		return nil, fail(CheckSignature, "Error validating the assertion signature", nil)
	}
	// §7.2 step 22: "If authData.signCount is nonzero or
	// credentialRecord.signCount is nonzero … if authData.signCount is
	// less than or equal to credentialRecord.signCount: this is a signal
	// that the authenticator may be cloned" — refused here, as the store
	// refuses it too.
	if (a.SignCount != 0 || cred.SignCount != 0) && a.SignCount <= cred.SignCount {
		return nil, fail(CheckCounter, "Signature counter did not increase", nil)
	}
	// The UV kept is the credential's own (uvInitialized, §4), not this
	// sign-in's: it was set at registration.
	flags := a.Flags&^FlagUserVerified | cred.Flags&FlagUserVerified
	return &Login{SignCount: a.SignCount, Flags: flags}, nil
}
