package web

import (
	"net/http"
	"strconv"

	"hedui"
)

// rollHouseholdPage is one roll household in full.
type rollHouseholdPage struct {
	H     *hedui.RollHousehold
	Names map[string]string
}

// handleRollHousehold serves GET /rolls/households/{id}: one household
// with its members' names and ID numbers in full; the store audits the
// view and answers "not found" outside the verifier's scope.
func (s *Server) handleRollHousehold(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return hedui.Errorf("web.rollHousehold", hedui.KindNotFound, "not_found", "%s", s.text.get("roll.error.not_found"))
	}
	h, err := s.store.RollHousehold(r.Context(), sess.by, id)
	if err != nil {
		return err
	}
	names, _, err := s.divisionNames(r.Context())
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "roll_household", view{Title: s.text.get("roll.household.title", h.Number), Nav: "rolls", Sess: sess,
		Page: rollHouseholdPage{H: h, Names: names}})
	return nil
}
