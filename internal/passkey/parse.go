package passkey

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/fxamacker/cbor/v2"
)

// decMode is the CBOR decoder: duplicate map keys refused, struct fields
// matched by their exact names. Made on first use, not at start-up.
var decMode = sync.OnceValue(func() cbor.DecMode {
	dm, err := cbor.DecOptions{
		DupMapKey:         cbor.DupMapKeyEnforcedAPF,
		FieldNameMatching: cbor.FieldNameMatchingCaseSensitive,
		MaxNestedLevels:   16,
	}.DecMode()
	if err != nil {
		panic("passkey: CBOR decoder options: " + err.Error())
	}
	return dm
})

// decodeB64 reads base64url, with or without padding (browsers' JSON has
// none; some libraries add it).
func decodeB64(s string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}

// ClientData is the client data a browser collects and signs over
// (WebAuthn §5.8.1, CollectedClientData).
type ClientData struct {
	Type        string `json:"type"`
	Challenge   string `json:"challenge"`
	Origin      string `json:"origin"`
	CrossOrigin *bool  `json:"crossOrigin,omitempty"`
	TopOrigin   string `json:"topOrigin,omitempty"`
}

// ParseClientData reads clientDataJSON: a UTF-8 JSON object (§7.1 steps
// 5–6 and §7.2 steps 9–10: "Let JSONtext be the result of running UTF-8
// decode … Let C … be the result of running an implementation-specific
// JSON parser on JSONtext").
func ParseClientData(raw []byte) (*ClientData, error) {
	if !utf8.Valid(raw) {
		return nil, fail(CheckParse, "Error parsing client data", errors.New("not UTF-8"))
	}
	var c ClientData
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, fail(CheckParse, "Error parsing client data", err)
	}
	return &c, nil
}

// AuthData is authenticator data (WebAuthn §6.1): the RP ID's hash, the
// flags, the signature counter, and the attested credential data when AT
// is set (§6.5.1). Extensions (ED) are checked to be a CBOR map and not
// kept.
type AuthData struct {
	RPIDHash  [32]byte
	Flags     Flags
	SignCount uint32
	AAGUID    []byte // 16 bytes, when attested
	CredID    []byte // when attested
	PublicKey []byte // the COSE key as sent, when attested
	Key       *PublicKey
}

// authDataMin is the length of authenticator data without attested
// credential data or extensions: rpIdHash 32, flags 1, signCount 4.
const authDataMin = 37

// credIDMax is the longest credential id accepted (WebAuthn §7.1 step 26
// in Level 3: "Verify that the credentialId is ≤ 1023 bytes").
const credIDMax = 1023

// ParseAuthData reads authenticator data (WebAuthn §6.1, §6.5.1): every
// byte must be accounted for; "attested credential data" is there exactly
// when AT is set and extensions exactly when ED is set (§6.1: "the
// length of the attestedCredentialData is determined by … the flags").
func ParseAuthData(raw []byte) (*AuthData, error) {
	if len(raw) < authDataMin {
		return nil, fail(CheckParse, "Authenticator data length too short", nil)
	}
	a := &AuthData{Flags: Flags(raw[32]), SignCount: binary.BigEndian.Uint32(raw[33:37])}
	copy(a.RPIDHash[:], raw[:32])
	rest := raw[authDataMin:]
	if a.Flags&FlagAttested != 0 {
		// §6.5.1: aaguid 16, credentialIdLength 2 (big-endian),
		// credentialId, credentialPublicKey (COSE_Key in CBOR).
		if len(rest) < 18 {
			return nil, fail(CheckParse, "Attested credential flag set but data is missing", nil)
		}
		a.AAGUID = append([]byte(nil), rest[:16]...)
		n := int(binary.BigEndian.Uint16(rest[16:18]))
		rest = rest[18:]
		if n > credIDMax {
			return nil, fail(CheckParse, "Authenticator attestation data credential id length too long", nil)
		}
		if n == 0 || len(rest) < n {
			return nil, fail(CheckParse, "Authenticator attestation data length too short", nil)
		}
		a.CredID = append([]byte(nil), rest[:n]...)
		rest = rest[n:]
		var item cbor.RawMessage
		more, err := decMode().UnmarshalFirst(rest, &item)
		if err != nil {
			return nil, fail(CheckParse, "Could not unmarshal Credential Public Key", err)
		}
		a.PublicKey = append([]byte(nil), item...)
		if a.Key, err = ParsePublicKey(a.PublicKey); err != nil {
			return nil, err
		}
		rest = more
	}
	if a.Flags&FlagExtensions != 0 {
		// §6.1 "extensions": a CBOR map of extension identifiers
		// (text) to their outputs (§9).
		var ext map[string]cbor.RawMessage
		more, err := decMode().UnmarshalFirst(rest, &ext)
		if err != nil || len(rest) == 0 {
			return nil, fail(CheckParse, "Extensions flag set but extensions data is missing", err)
		}
		rest = more // read to find where they end; none is asked for, so none is kept
	}
	if len(rest) != 0 {
		return nil, fail(CheckParse, "Leftover bytes decoding AuthenticatorData", nil)
	}
	return a, nil
}

// Attestation is an attestation object (WebAuthn §6.5, Figure 6): its
// format and the authenticator data, parsed. Its statement is checked to
// be a map and not kept (it is not verified: see the package comment).
type Attestation struct {
	Format   string
	AuthData *AuthData
}

// attestationObject is the CBOR map of an attestation object.
type attestationObject struct {
	Fmt      string          `cbor:"fmt"`
	AttStmt  cbor.RawMessage `cbor:"attStmt"`
	AuthData []byte          `cbor:"authData"`
}

// ParseAttestation reads an attestation object (§7.1 step 12: "Perform
// CBOR decoding on the attestationObject field … to obtain the
// attestation statement format fmt, the authenticator data authData, and
// the attestation statement attStmt"); nothing may follow it.
func ParseAttestation(raw []byte) (*Attestation, error) {
	var o attestationObject
	if err := decMode().Unmarshal(raw, &o); err != nil {
		return nil, fail(CheckParse, "Error parsing attestation object", err)
	}
	if o.Fmt == "" || o.AuthData == nil {
		return nil, fail(CheckParse, "Error parsing attestation object", errors.New("fmt or authData missing"))
	}
	var stmt map[string]cbor.RawMessage // §6.5.4: attStmt is a map
	if err := decMode().Unmarshal(o.AttStmt, &stmt); err != nil {
		return nil, fail(CheckParse, "Error parsing attestation statement", err)
	}
	ad, err := ParseAuthData(o.AuthData)
	if err != nil {
		return nil, err
	}
	return &Attestation{Format: o.Fmt, AuthData: ad}, nil
}

// RegistrationResponse is the browser's answer to a registration, as
// passkey.js sends it (WebAuthn §5.1's RegistrationResponseJSON).
type RegistrationResponse struct {
	ID       string `json:"id"`
	RawID    Bytes  `json:"rawId"`
	Type     string `json:"type"`
	Response struct {
		ClientDataJSON    Bytes    `json:"clientDataJSON"`
		AttestationObject Bytes    `json:"attestationObject"`
		Transports        []string `json:"transports"`
	} `json:"response"`
}

// AssertionResponse is the browser's answer to a sign-in, as passkey.js
// sends it (WebAuthn §5.1's AuthenticationResponseJSON).
type AssertionResponse struct {
	ID       string `json:"id"`
	RawID    Bytes  `json:"rawId"`
	Type     string `json:"type"`
	Response struct {
		ClientDataJSON    Bytes `json:"clientDataJSON"`
		AuthenticatorData Bytes `json:"authenticatorData"`
		Signature         Bytes `json:"signature"`
		UserHandle        Bytes `json:"userHandle"`
	} `json:"response"`
}

// checkID checks a credential's id, rawId and type (§5.1: id is rawId in
// base64url; type "public-key").
func checkID(id string, rawID []byte, typ string) error {
	switch {
	case len(rawID) == 0:
		return fail(CheckParse, "Missing ID", nil)
	case typ != "public-key":
		return fail(CheckParse, "Type not public-key", nil)
	case strings.TrimRight(id, "=") != base64.RawURLEncoding.EncodeToString(rawID):
		return fail(CheckParse, "ID does not match rawId", nil)
	}
	return nil
}

// ParseRegistration reads a registration answer's JSON.
func ParseRegistration(body []byte) (*RegistrationResponse, error) {
	var r RegistrationResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fail(CheckParse, "Parse error for Registration", err)
	}
	if err := checkID(r.ID, r.RawID, r.Type); err != nil {
		return nil, err
	}
	if len(r.Response.ClientDataJSON) == 0 || len(r.Response.AttestationObject) == 0 {
		return nil, fail(CheckParse, "Parse error for Registration", errors.New("response incomplete"))
	}
	return &r, nil
}

// ParseAssertion reads a sign-in answer's JSON. The caller looks up the
// account by its user handle (§7.2 step 6) and the credential by its
// rawId before VerifyAssertion.
func ParseAssertion(body []byte) (*AssertionResponse, error) {
	var r AssertionResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fail(CheckParse, "Parse error for Assertion", err)
	}
	if err := checkID(r.ID, r.RawID, r.Type); err != nil {
		return nil, err
	}
	if len(r.Response.ClientDataJSON) == 0 || len(r.Response.AuthenticatorData) == 0 || len(r.Response.Signature) == 0 {
		return nil, fail(CheckParse, "Parse error for Assertion", errors.New("response incomplete"))
	}
	if len(r.Response.UserHandle) == 0 {
		// §7.2 step 6: for a discoverable credential "verify that
		// response.userHandle is present".
		return nil, fail(CheckUser, "Client-side Discoverable Assertion was attempted with a blank User Handle", nil)
	}
	return &r, nil
}
