package cli

import (
	"errors"
	"syscall"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

// outputError is the error for output (what: "export", "output") that could
// not be written: a full disk or a closed reader is the machine's state,
// not a bug in unhunch, so it is EUnavailable (exit 6) with plain words.
func outputError(what string, err error) error {
	key := message.CLIOutputFailed
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		key = message.CLIOutputFull
	case errors.Is(err, syscall.EPIPE):
		key = message.CLIOutputRefused
	}
	if key == message.CLIOutputFull {
		return &unhunch.Error{Code: unhunch.EUnavailable, Message: message.Text(key, what), Err: err}
	}
	return &unhunch.Error{Code: unhunch.EUnavailable, Message: message.Text(key, what, err), Err: err}
}
