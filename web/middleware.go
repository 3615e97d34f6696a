package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"hedui"
	"hedui/idcard"
	"hedui/internal/httpx"
)

// contentSecurityPolicy allows only this origin's own files: no inline
// script or style, no frames, forms posting only here.
const contentSecurityPolicy = "default-src 'self'; base-uri 'none'; object-src 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

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
		sw := httpx.NewStatusWriter(w)
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
				if !sw.Wrote {
					s.renderError(sw, r, nil, http.StatusInternalServerError, s.text.get("error.internal"))
				}
			}
			s.log.LogAttrs(r.Context(), slog.LevelInfo, "page",
				slog.String("method", r.Method),
				slog.String("path", idcard.MaskIn(r.URL.Path)),
				slog.Int("status", sw.Status),
				slog.Duration("duration", time.Since(start)),
				slog.String("client", httpx.ClientAddr(r)),
			)
		}()
		inner.ServeHTTP(sw, r)
	})
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
