package http

import (
	stdhttp "net/http"

	"hedui"
)

// auditVerifyResponse adds an explicit verdict, so that a client does not
// have to know that a missing break means an intact chain.
type auditVerifyResponse struct {
	hedui.AuditReport
	OK bool `json:"ok"`
}

// handleAuditVerify serves POST /api/v1/audit/verify: it walks the whole
// hash chain. POST because the check is itself written to the log.
func (s *Server) handleAuditVerify(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	rep, err := s.store.VerifyAudit(r.Context(), by)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, auditVerifyResponse{AuditReport: rep, OK: rep.OK()})
	return nil
}
