package http

import (
	"context"
	"fmt"
	"log/slog"
	stdhttp "net/http"
	"strings"
	"time"

	"hedui"
	"hedui/idcard"
	"hedui/internal/httpx"
)

// requestInfo collects what the access log needs from deeper layers; the
// authentication step fills in the user.
type requestInfo struct {
	user string
}

type requestInfoKey struct{}

func infoOf(ctx context.Context) *requestInfo {
	if ri, ok := ctx.Value(requestInfoKey{}).(*requestInfo); ok {
		return ri
	}
	return &requestInfo{}
}

// middleware adds security headers, recovers panics and logs each request.
// The log has the path but never the query or body: queries may carry an
// ID number (the id_number filter) and bodies always do.
func (s *Server) middleware(next stdhttp.Handler) stdhttp.Handler {
	return stdhttp.HandlerFunc(func(w stdhttp.ResponseWriter, r *stdhttp.Request) {
		start := time.Now()
		ri := &requestInfo{}
		r = r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, ri))
		sw := httpx.NewStatusWriter(w)
		setSecurityHeaders(sw.Header(), r.URL.Path)
		defer func() {
			if p := recover(); p != nil {
				if p == stdhttp.ErrAbortHandler {
					panic(p)
				}
				err := hedui.E("http.recover", hedui.KindInternal, fmt.Errorf("panic: %v", p))
				if !sw.Wrote {
					s.writeError(sw, r, err)
				} else {
					s.log.Error("panic after response started", "path", idcard.MaskIn(r.URL.Path), "error", err.Error())
				}
			}
			s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", r.Method),
				slog.String("path", idcard.MaskIn(r.URL.Path)),
				slog.Int("status", sw.Status),
				slog.Duration("duration", time.Since(start)),
				slog.String("user", ri.user),
				slog.String("client", httpx.ClientAddr(r)),
			)
		}()
		next.ServeHTTP(sw, r)
	})
}

// setSecurityHeaders applies to every response. The API serves only JSON
// and downloads, so nothing needs to load scripts, frames or styles.
func setSecurityHeaders(h stdhttp.Header, path string) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if strings.HasPrefix(path, "/api/") {
		// Responses carry personal data; no shared or browser cache may keep them.
		h.Set("Cache-Control", "no-store")
	}
}
