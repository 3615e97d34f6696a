package http

import (
	"fmt"
	stdhttp "net/http"
	"strings"

	"hedui"
)

const maxIdempotencyKey = 100

// handleApplicationCreate serves POST /api/v1/applications. With an
// Idempotency-Key header a retried request (after a timeout on a poor
// township connection) returns the application of the first one with 200
// instead of registering the family twice.
func (s *Server) handleApplicationCreate(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.applicationCreate"
	var in hedui.NewApplication
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	key := strings.TrimSpace(r.Header.Get("Idempotency-Key"))
	if len(key) > maxIdempotencyKey || strings.IndexFunc(key, func(c rune) bool { return c < 0x21 || c > 0x7e }) >= 0 {
		return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_idempotency_key", "Idempotency-Key",
			"请求头Idempotency-Key应为不超过%d个字符的可见ASCII字符串", maxIdempotencyKey)
	}
	in.IdempotencyKey = key
	app, created, err := s.store.CreateApplication(r.Context(), by, in)
	if err != nil {
		return err
	}
	status := stdhttp.StatusOK
	if created {
		status = stdhttp.StatusCreated
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/applications/%d", app.ID))
	writeJSON(w, status, viewApplication(app, by))
	return nil
}
