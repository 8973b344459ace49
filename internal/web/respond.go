package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/message"
)

// MaxBody is the largest request body the API reads (1 MiB).
const MaxBody = 1 << 20

// errorDoc is the body of every API error.
type errorDoc struct {
	Error errorBody `json:"error"`
}

// errorBody is an error's code and message.
type errorBody struct {
	Code    unhunch.Code `json:"code"`
	Message string       `json:"message"`
}

// writeJSON answers with v as JSON and the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		err := unhunch.Errorf(unhunch.EInternal, "web: encode json: %w", err)
		writeError(w, unhunch.HTTPStatus(err), err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// writeError answers with the JSON error for err. An internal error's
// message is replaced: its cause is for the log, not the browser.
func writeError(w http.ResponseWriter, status int, err error) {
	code := unhunch.ErrorCode(err)
	msg := err.Error()
	if code == unhunch.EInternal {
		msg = message.Text(message.WebInternal)
	}
	var buf bytes.Buffer
	json.NewEncoder(&buf).Encode(errorDoc{errorBody{Code: code, Message: msg}})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// decode reads a request body of at most MaxBody bytes holding exactly one
// JSON object into v, refusing unknown fields, and says precisely what is
// wrong otherwise.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return unhunch.E(unhunch.EInvalid, message.WebNotJSON, ct)
	}
	body := http.MaxBytesReader(w, r.Body, MaxBody)
	data, err := io.ReadAll(body)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return unhunch.E(unhunch.EInvalid, message.WebTooLarge, MaxBody>>20)
	case err != nil:
		return unhunch.E(unhunch.EInvalid, message.WebUnreadable, err)
	case len(bytes.TrimSpace(data)) == 0:
		return unhunch.E(unhunch.EInvalid, message.WebEmptyBody)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return unhunch.E(unhunch.EInvalid, message.WebBadJSON, jsonProblem(err, data))
	}
	if dec.More() {
		return unhunch.E(unhunch.EInvalid, message.WebBadJSON, message.Text(message.WebTrailing))
	}
	return nil
}

// jsonProblem describes a decoding error in words, with where it happened.
func jsonProblem(err error, data []byte) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return message.Text(message.WebJSONSyntax, syn.Offset, strings.TrimPrefix(syn.Error(), "invalid character "))
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return message.Text(message.WebJSONNotObject, typ.Value)
		}
		return message.Text(message.WebJSONType, field, jsonKind(typ.Type.Kind().String()), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return message.Text(message.WebJSONEnds, len(data))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return message.Text(message.WebJSONUnknown, strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return err.Error()
}

// jsonKind names a Go kind as the JSON value it expects.
func jsonKind(kind string) string {
	switch kind {
	case "int", "int64", "int32", "uint":
		return message.Text(message.WebKindInt)
	case "float64", "float32":
		return message.Text(message.WebKindNumber)
	case "bool":
		return message.Text(message.WebKindBool)
	case "string":
		return message.Text(message.WebKindString)
	case "map", "struct", "ptr":
		return message.Text(message.WebKindObject)
	case "slice", "array":
		return message.Text(message.WebKindArray)
	}
	return kind
}
