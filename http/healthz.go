package http

import (
	"context"
	stdhttp "net/http"
	"time"

	"hedui"
)

// pinger is implemented by stores that can check their connection cheaply.
// It is optional so that the Store interface stays about the domain.
type pinger interface {
	Ping(ctx context.Context) error
}

// handleHealthz serves GET /healthz for load balancers: no authentication,
// no personal data.
func (s *Server) handleHealthz(w stdhttp.ResponseWriter, r *stdhttp.Request) error {
	if p, ok := s.store.(pinger); ok {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := p.Ping(ctx); err != nil {
			return hedui.E("http.healthz", hedui.KindTransient, "store_unavailable", "数据库暂时不可用", err)
		}
	}
	writeJSON(w, stdhttp.StatusOK, map[string]string{"status": "ok"})
	return nil
}
