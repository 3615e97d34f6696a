package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleExchangeQueryGet serves GET /api/v1/exchange/queries/{queryID}: one
// query with the people it asks about (name and ID number, nothing else),
// for its department's liaison or a verifier of its case. The store
// audits the read.
func (s *Server) handleExchangeQueryGet(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.exchangeQueryGet"
	id, err := pathQueryID(r)
	if err != nil {
		return err
	}
	var ds []hedui.Department
	if by.Role == hedui.RoleLiaison {
		if ds, err = s.liaisonDepartments(r.Context(), by); err != nil {
			return err
		}
	}
	q, err := s.store.Query(r.Context(), by, id)
	if err != nil {
		return err
	}
	if by.Role == hedui.RoleLiaison && !ownsQuery(ds, q) {
		return queryNotFound(op)
	}
	writeJSON(w, stdhttp.StatusOK, viewQuery(q, by, hedui.Today(s.now()), true))
	return nil
}
