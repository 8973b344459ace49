package passkey_test

import (
	"crypto/sha256"
	"encoding/binary"
	"testing"

	"github.com/unhunch/unhunch/internal/passkey"
)

// The parsers take whatever a browser sends: they return an error or a
// value, never panic, and what they accept they accept whole.

func FuzzParseAuthData(f *testing.F) {
	s := newSigner(f, passkey.AlgES256)
	f.Add(authData("localhost", passkey.FlagUserPresent, 1, nil, nil, nil))
	f.Add(authData("localhost", passkey.FlagAttested|passkey.FlagExtensions, 1, []byte{1, 2}, s.cose, mustCBOR(f, map[string]any{"a": 1})))
	f.Add(authData("localhost", passkey.FlagAttested, 1, []byte{1, 2}, newSigner(f, passkey.AlgEdDSA).cose, nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := passkey.ParseAuthData(data)
		if err != nil {
			return
		}
		if a.SignCount != binary.BigEndian.Uint32(data[33:37]) || a.Flags != passkey.Flags(data[32]) {
			t.Errorf("parsed %+v from %x", a, data)
		}
		if (a.Flags&passkey.FlagAttested != 0) != (a.Key != nil) || len(a.CredID) > 1023 {
			t.Errorf("attested data %+v from %x", a, data)
		}
	})
}

func FuzzParseAttestation(f *testing.F) {
	s := newSigner(f, passkey.AlgES256)
	f.Add(mustCBOR(f, map[string]any{"fmt": "none", "attStmt": map[string]any{},
		"authData": authData("localhost", passkey.FlagAttested|passkey.FlagUserPresent, 0, []byte{1}, s.cose, nil)}))
	f.Add([]byte{0xa0})
	f.Add([]byte{0xa3, 0x63, 'f', 'm', 't', 0x64, 'n', 'o', 'n', 'e'})
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := passkey.ParseAttestation(data)
		if err == nil && (a.Format == "" || a.AuthData == nil) {
			t.Errorf("parsed %+v from %x", a, data)
		}
	})
}

func FuzzParsePublicKey(f *testing.F) {
	for _, a := range algs {
		f.Add(newSigner(f, a.alg).cose)
	}
	f.Add(mustCBOR(f, map[int]any{1: 2, 3: -7, -1: 1, -2: make([]byte, 32), -3: make([]byte, 32)}))
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := passkey.ParsePublicKey(data)
		if err != nil {
			return
		}
		if k.Alg != passkey.AlgES256 && k.Alg != passkey.AlgEdDSA && k.Alg != passkey.AlgRS256 {
			t.Errorf("algorithm %d from %x", k.Alg, data)
		}
		h := sha256.Sum256(data)
		if k.Verify(data, h[:]) {
			t.Errorf("a hash verified as a signature with %x", data)
		}
	})
}

func FuzzParseClientData(f *testing.F) {
	f.Add([]byte(`{"type":"webauthn.get","challenge":"AAAA","origin":"https://x","crossOrigin":false}`))
	f.Add([]byte(`{"type":"webauthn.create","topOrigin":"https://y","crossOrigin":true}`))
	f.Add([]byte(`{`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := passkey.ParseClientData(data)
		if err == nil && c == nil {
			t.Errorf("no client data and no error from %q", data)
		}
	})
}
