package passkey

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"math/big"
)

// COSE key labels and values (RFC 9052 §7, RFC 9053 §7; IANA "COSE Key
// Common Parameters" and "COSE Key Type Parameters").
const (
	coseKty = 1 // key type
	coseAlg = 3 // algorithm

	ktyOKP = 1 // octet key pair: -1 crv, -2 x
	ktyEC2 = 2 // elliptic curve: -1 crv, -2 x, -3 y
	ktyRSA = 3 // RSA: -1 n, -2 e (RFC 8230 §4)

	crvP256    = 1
	crvEd25519 = 6
)

// rsaMinBits is the smallest RSA modulus accepted for RS256.
const rsaMinBits = 2048

// PublicKey is a credential public key (WebAuthn §6.5.1.1 "credential
// public key", a COSE_Key) of one of the algorithms offered: ES256 on
// P-256, EdDSA with Ed25519, or RS256 with at least 2048 bits.
type PublicKey struct {
	Alg int
	key crypto.PublicKey
}

// ParsePublicKey reads a COSE_Key (WebAuthn §6.5.1.1: "encoded in COSE_Key
// format … MUST contain the alg parameter"; RFC 9053 §7.1 for EC2 and OKP,
// RFC 8230 §4 for RSA). Only the algorithms offered in pubKeyCredParams
// are taken (§7.1 step 21 in Level 3: "Verify that the alg parameter in
// the credential public key in authData matches the alg attribute of one
// of the items in pkOptions.pubKeyCredParams").
func ParsePublicKey(raw []byte) (*PublicKey, error) {
	var m map[int64]any
	if err := decMode().Unmarshal(raw, &m); err != nil {
		return nil, fail(CheckKey, "Could not unmarshal Credential Public Key", err)
	}
	kty, ok1 := intOf(m[coseKty])
	alg, ok2 := intOf(m[coseAlg])
	if !ok1 || !ok2 {
		return nil, fail(CheckKey, "Credential public key without kty or alg", nil)
	}
	bad := func(why string) (*PublicKey, error) {
		return nil, fail(CheckKey, "Credential public key not valid", errors.New(why))
	}
	switch {
	case kty == ktyEC2 && alg == AlgES256:
		crv, _ := intOf(m[-1])
		x, _ := m[-2].([]byte)
		y, _ := m[-3].([]byte)
		if crv != crvP256 || len(x) != 32 || len(y) != 32 {
			return bad("ES256 needs P-256 with 32-byte x and y")
		}
		k, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), append(append([]byte{4}, x...), y...))
		if err != nil {
			return bad(err.Error())
		}
		return &PublicKey{Alg: AlgES256, key: k}, nil
	case kty == ktyOKP && alg == AlgEdDSA:
		crv, _ := intOf(m[-1])
		x, _ := m[-2].([]byte)
		if crv != crvEd25519 || len(x) != ed25519.PublicKeySize {
			return bad("EdDSA needs Ed25519 with a 32-byte x")
		}
		return &PublicKey{Alg: AlgEdDSA, key: ed25519.PublicKey(x)}, nil
	case kty == ktyRSA && alg == AlgRS256:
		n, _ := m[-1].([]byte)
		e, _ := m[-2].([]byte)
		if len(n) == 0 || n[0] == 0 || len(e) == 0 || len(e) > 4 {
			return bad("RS256 needs n and e")
		}
		k := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
		if k.N.BitLen() < rsaMinBits || k.E < 3 || k.E%2 == 0 {
			return bad(fmt.Sprintf("RS256 needs at least %d bits and an odd exponent", rsaMinBits))
		}
		return &PublicKey{Alg: AlgRS256, key: k}, nil
	}
	return nil, fail(CheckKey, "Credential public key algorithm not supported", fmt.Errorf("kty %d alg %d", kty, alg))
}

// intOf is a CBOR integer as decoded into an any.
func intOf(v any) (int64, bool) {
	switch i := v.(type) {
	case int64:
		return i, true
	case uint64:
		if i <= math.MaxInt64 {
			return int64(i), true
		}
	}
	return 0, false
}

// Verify checks sig over msg with the key (§7.2 step 21, "Using
// credentialPublicKey, verify that sig is a valid signature over the
// binary concatenation of authData and hash"): ES256 as an ASN.1 DER
// ECDSA signature over SHA-256 (§6.5.5 "Signature Formats for Packed
// Attestation, FIDO U2F Attestation, and Assertion Signatures"), RS256 as
// PKCS #1 v1.5 over SHA-256, EdDSA as Ed25519 over msg itself.
func (k *PublicKey) Verify(msg, sig []byte) bool {
	switch key := k.key.(type) {
	case *ecdsa.PublicKey:
		h := sha256.Sum256(msg)
		return ecdsa.VerifyASN1(key, h[:], sig)
	case ed25519.PublicKey:
		return ed25519.Verify(key, msg, sig)
	case *rsa.PublicKey:
		h := sha256.Sum256(msg)
		return rsa.VerifyPKCS1v15(key, crypto.SHA256, h[:], sig) == nil
	}
	return false
}
