package web

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"hedui"
	"hedui/idcard"
)

// contentSecurityPolicy allows only this origin's own files: no inline
// script or style, no frames, forms posting only here.
const contentSecurityPolicy = "default-src 'self'; base-uri 'none'; object-src 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

// statusWriter remembers the status for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// middleware sets the security headers, refuses cross-origin POSTs,
// recovers panics and logs each request. The log keeps the path, never
// the query or the form: both may carry ID numbers.
func (s *Server) middleware(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, nil, http.StatusForbidden, s.text.get("error.csrf"))
	}))
	inner := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h := sw.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		// Pages carry personal data; static files override this.
		h.Set("Cache-Control", "no-store")
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic", "path", idcard.MaskIn(r.URL.Path), "error", fmt.Sprint(p))
				if !sw.wrote {
					s.renderError(sw, r, nil, http.StatusInternalServerError, s.text.get("error.internal"))
				}
			}
			s.log.LogAttrs(r.Context(), slog.LevelInfo, "page",
				slog.String("method", r.Method),
				slog.String("path", idcard.MaskIn(r.URL.Path)),
				slog.Int("status", sw.status),
				slog.Duration("duration", time.Since(start)),
				slog.String("client", clientAddr(r)),
			)
		}()
		inner.ServeHTTP(sw, r)
	})
}

// clientAddr is the peer's IP. Forwarded headers are not trusted, as in
// the API.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// internal logs err and returns the generic message: an internal error's
// text may name tables or values no user should see.
func (s *Server) logInternal(r *http.Request, err error) {
	level := slog.LevelError
	if hedui.KindOf(err) == hedui.KindTransient {
		level = slog.LevelWarn
	}
	s.log.LogAttrs(r.Context(), level, "page failed",
		slog.String("method", r.Method), slog.String("path", idcard.MaskIn(r.URL.Path)), slog.String("error", err.Error()))
}
