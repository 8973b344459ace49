package passkey

import "fmt"

// Check names the check of a ceremony that an answer failed.
type Check int

// The checks an answer can fail.
const (
	CheckParse        Check = iota + 1 // the answer is not well formed (JSON, base64url, CBOR, lengths)
	CheckTimeout                       // the ceremony ran out before its finish
	CheckType                          // clientDataJSON's type is not the ceremony's
	CheckChallenge                     // the challenge is not the ceremony's
	CheckOrigin                        // the origin is not one of the site's
	CheckCrossOrigin                   // made in a cross-origin frame
	CheckRPID                          // rpIdHash is not the site's
	CheckPresence                      // UP not set
	CheckVerification                  // UV not set where required
	CheckBackup                        // BS set without BE, or BE changed
	CheckAttested                      // the attested credential data is missing or does not match
	CheckKey                           // the public key is of no algorithm offered, or not a valid key
	CheckSignature                     // the signature does not verify
	CheckCredential                    // the credential is not the one the caller looked up
	CheckUser                          // the user handle is missing or not the credential owner's
	CheckCounter                       // the signature counter did not move on: maybe a copied passkey
)

// Error is an answer that failed one of the ceremony's checks: which
// check, a short description in English (what the person reads, within
// "the passkey's answer could not be checked (…)"), and the cause if any.
type Error struct {
	Check  Check
	Detail string
	Err    error
}

// Error describes the failed check.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("passkey: %s: %v", e.Detail, e.Err)
	}
	return "passkey: " + e.Detail
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// fail makes an Error.
func fail(c Check, detail string, err error) *Error {
	return &Error{Check: c, Detail: detail, Err: err}
}
