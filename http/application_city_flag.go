package http

import (
	stdhttp "net/http"
	"strings"
	"unicode/utf8"

	"hedui"
)

type cityFlagRequest struct {
	Need   *bool  `json:"need"`
	Reason string `json:"reason"`
}

// handleApplicationCityFlag serves POST /api/v1/applications/{id}/city-flag:
// the county verifier marks an accepted case as needing city-level queries
// (市级协查), with the reason, or clears the mark. The flagged cases go up
// in the quarter's batch (POST /api/v1/escalations).
func (s *Server) handleApplicationCityFlag(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.applicationCityFlag"
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in cityFlagRequest
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	in.Reason = strings.TrimSpace(in.Reason)
	switch {
	case in.Need == nil:
		return hedui.FieldErrorf(op, hedui.KindInvalid, "missing_need", "need", "请说明是否需要市级协查（need为true或false）")
	case *in.Need && in.Reason == "":
		return hedui.FieldErrorf(op, hedui.KindInvalid, "missing_reason", "reason", "请填写需要市级协查的原因")
	case utf8.RuneCountInString(in.Reason) > hedui.MaxNoteRunes:
		return hedui.FieldErrorf(op, hedui.KindInvalid, "reason_too_long", "reason", "原因不能超过%d个字", hedui.MaxNoteRunes)
	}
	if err := s.store.MarkForCity(r.Context(), by, id, *in.Need, in.Reason); err != nil {
		return err
	}
	w.WriteHeader(stdhttp.StatusNoContent)
	return nil
}
