package http

import (
	stdhttp "net/http"

	"hedui"
)

// webhookList is the registered endpoints, without secrets.
type webhookList struct {
	Items []hedui.Webhook `json:"items"`
}

// handleWebhookList serves GET /api/v1/webhooks for administrators.
func (s *Server) handleWebhookList(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	list, err := s.store.Webhooks(r.Context(), by)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, webhookList{Items: nonNil(list)})
	return nil
}
