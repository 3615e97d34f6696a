package http

import (
	"net/http/httptest"
	"testing"
)

func TestSecurityHeaders(t *testing.T) {
	s := NewServer(Config{Store: nopStore{}})
	tests := []struct {
		path    string
		status  int
		noStore bool
	}{
		{"/healthz", 200, false},
		{"/api/v1/openapi.json", 200, true},
		{"/api/v1/me", 401, true},
		{"/api/v1/nothing", 404, true},
		{"/elsewhere", 404, false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			h := rec.Header()
			want := map[string]string{
				"X-Content-Type-Options":  "nosniff",
				"X-Frame-Options":         "DENY",
				"Referrer-Policy":         "no-referrer",
				"Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
			}
			if tt.noStore {
				want["Cache-Control"] = "no-store"
			}
			for k, v := range want {
				if h.Get(k) != v {
					t.Errorf("%s = %q, want %q", k, h.Get(k), v)
				}
			}
		})
	}
}
