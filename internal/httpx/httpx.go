// Package httpx holds the small pieces of HTTP plumbing the JSON API
// (package http) and the pages (package web) share: the response writer
// that remembers its status for the access log, and the client's address
// for the audit log. Each server keeps its own middleware, since their
// error bodies differ (JSON and a Chinese page).
package httpx

import (
	"net"
	"net/http"
)

// StatusWriter remembers the status of the response for the access log,
// and whether anything was written, so that a recovered panic knows if
// it may still write an error.
type StatusWriter struct {
	http.ResponseWriter
	Status int
	Wrote  bool
}

// NewStatusWriter wraps w; the status is 200 until a handler says
// otherwise.
func NewStatusWriter(w http.ResponseWriter) *StatusWriter {
	return &StatusWriter{ResponseWriter: w, Status: http.StatusOK}
}

func (w *StatusWriter) WriteHeader(code int) {
	if !w.Wrote {
		w.Status, w.Wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *StatusWriter) Write(b []byte) (int, error) {
	if !w.Wrote {
		w.Status, w.Wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *StatusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// ClientAddr is the address of the connection's peer, without the port,
// for the audit log. A proxy in front must be trusted explicitly before
// its forwarding headers could be believed; none is here.
func ClientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
