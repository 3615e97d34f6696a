package http

import (
	"encoding/json"
	stdhttp "net/http"
)

// writeJSON writes v with status. Encoding errors can only come from a bug
// in a response type, and the status line is gone by then, so they are
// not reported to the client.
func writeJSON(w stdhttp.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
