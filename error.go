// Package unhunch holds what every other package shares: the error codes that
// the command line maps to exit codes and the web server maps to HTTP statuses,
// and the program's version.
//
// The domain lives in plain packages beside it (catalog, dose, timeline, and
// later planner, safety and progress) with no I/O; everything that touches the
// outside world (cli, store, web) depends on them, never the reverse.
package unhunch

import (
	"errors"
	"fmt"

	"github.com/unhunch/unhunch/message"
)

// Code classifies an error by what the caller should do about it.
type Code string

// Error codes. Add a code only together with its row in codeTable.
const (
	EInvalid     Code = "invalid"     // the input is wrong; fix it and retry
	ENotFound    Code = "not_found"   // the thing named does not exist
	EConflict    Code = "conflict"    // the request clashes with existing state
	EBlocked     Code = "blocked"     // safety rules refuse the action for now
	EUnavailable Code = "unavailable" // a dependency (database, device) cannot be reached
	EInternal    Code = "internal"    // a bug or an unexpected failure
	// EInterrupted: the person (Ctrl-C) or a signal cut the command short;
	// what was done is saved. Exit 130, the shell's status for Ctrl-C.
	EInterrupted Code = "interrupted"
	// EUnauthorized: no one is signed in where an account is needed, or
	// the sign-in (link, token, passkey, password) is not valid.
	EUnauthorized Code = "unauthorized"
	// EForbidden: the signed-in account's role may not do this (a person
	// on a clinician's route). Another person's data is ENotFound, never
	// this, so that ids cannot be probed.
	EForbidden Code = "forbidden"
)

// codeTable is the one place where codes become exit codes and HTTP statuses.
var codeTable = map[Code]struct{ exit, http int }{
	EInvalid:      {exit: 2, http: 400},
	ENotFound:     {exit: 3, http: 404},
	EConflict:     {exit: 4, http: 409},
	EBlocked:      {exit: 5, http: 403},
	EUnavailable:  {exit: 6, http: 503},
	EInternal:     {exit: 1, http: 500},
	EInterrupted:  {exit: 130, http: 503},
	EUnauthorized: {exit: 7, http: 401},
	EForbidden:    {exit: 8, http: 403},
}

// Error is an error with a code and a message written for the person using unhunch.
type Error struct {
	Code    Code        // what kind of failure this is
	Key     message.Key // the message's entry in the message table; "" when it was written another way
	Message string      // plain words: what was wrong and what to do, cause included
	Err     error       // the underlying cause, if any
}

// E returns an *Error with code whose message is the text of key in the
// message table, formatted with args as message.Text does. It is the one way
// to make an error a person reads; Wrap adds a cause for logs and errors.Is.
func E(code Code, key message.Key, args ...any) *Error {
	return &Error{Code: code, Key: key, Message: message.Text(key, args...)}
}

// Wrap sets the underlying cause of e (what Unwrap returns) and returns e.
func (e *Error) Wrap(cause error) *Error {
	e.Err = cause
	return e
}

// Error returns the message; it already names the cause where one matters.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
// A %w verb wraps its argument as the cause, as with fmt.Errorf.
func Errorf(code Code, format string, args ...any) *Error {
	wrapped := fmt.Errorf(format, args...)
	return &Error{Code: code, Message: wrapped.Error(), Err: errors.Unwrap(wrapped)}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ExitCode returns the process exit status for err: 0 for nil.
func ExitCode(err error) int {
	if err == nil {
		return 0
	}
	return codeTable[ErrorCode(err)].exit
}

// HTTPStatus returns the HTTP status for err: 200 for nil.
func HTTPStatus(err error) int {
	if err == nil {
		return 200
	}
	return codeTable[ErrorCode(err)].http
}
