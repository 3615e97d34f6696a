package http

import (
	"encoding/base64"
	stdhttp "net/http"

	"hedui"
)

// webhookRequest registers an agency's endpoint. The secret (base64, at
// least 32 bytes) is optional: without it the server generates one.
type webhookRequest struct {
	OrgID  int64  `json:"org_id"`
	URL    string `json:"url"`
	Secret string `json:"secret"`
}

// handleWebhookCreate serves POST /api/v1/webhooks: an administrator
// registers where an agency's system is told about new reports. The
// response carries the signing secret, shown this once.
func (s *Server) handleWebhookCreate(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.webhookCreate"
	var in webhookRequest
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	nw := hedui.NewWebhook{OrgID: in.OrgID, URL: in.URL}
	if in.Secret != "" {
		b, err := base64.StdEncoding.DecodeString(in.Secret)
		if err != nil {
			return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_secret", "secret", "签名密钥应为base64编码")
		}
		nw.Secret = b
	}
	wh, err := s.store.CreateWebhook(r.Context(), by, nw)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusCreated, wh)
	return nil
}
