package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestRoutesSplitAPIAndPages checks that the API keeps its paths and the
// web pages get every other one.
func TestRoutesSplitAPIAndPages(t *testing.T) {
	named := func(name string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, name) })
	}
	h := routes(named("api"), named("web"))
	for path, want := range map[string]string{
		"/api/v1/login":         "api",
		"/api/v1/openapi.json":  "api",
		"/api/":                 "api",
		"/healthz":              "api",
		"/":                     "web",
		"/login":                "web",
		"/applications/1":       "web",
		"/static/app.css":       "web",
		"/apiary":               "web",
		"/healthz/x":            "web",
		"/applications?x=/api/": "web",
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if got := rec.Body.String(); got != want {
			t.Errorf("%s → %s, want %s", path, got, want)
		}
	}
}
