package httpx

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestStatusWriter(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(w http.ResponseWriter)
		want  int
		wrote bool
	}{
		{"nothing", func(http.ResponseWriter) {}, http.StatusOK, false},
		{"body only", func(w http.ResponseWriter) { _, _ = w.Write([]byte("x")) }, http.StatusOK, true},
		{"status", func(w http.ResponseWriter) { w.WriteHeader(http.StatusTeapot) }, http.StatusTeapot, true},
		{"first status wins", func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusNotFound)
			w.WriteHeader(http.StatusOK)
		}, http.StatusNotFound, true},
	} {
		sw := NewStatusWriter(httptest.NewRecorder())
		tc.write(sw)
		if sw.Status != tc.want || sw.Wrote != tc.wrote {
			t.Errorf("%s: status %d wrote %v, want %d %v", tc.name, sw.Status, sw.Wrote, tc.want, tc.wrote)
		}
	}
}

func TestClientAddr(t *testing.T) {
	for _, tc := range []struct{ remote, want string }{
		{"192.0.2.1:5555", "192.0.2.1"},
		{"[2001:db8::1]:443", "2001:db8::1"},
		{"pipe", "pipe"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.remote
		if got := ClientAddr(r); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.remote, got, tc.want)
		}
	}
}
