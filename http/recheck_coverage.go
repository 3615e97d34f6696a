package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleRecheckCoverage serves GET /api/v1/recheck-coverage: per county,
// the persons on the roll and those re-verified in [from, to], by default
// the current year.
func (s *Server) handleRecheckCoverage(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	q := r.URL.Query()
	today := hedui.Today(s.now())
	from, err := queryDate(q, "from", hedui.Date{Time: today.AddDate(0, 0, 1-today.YearDay())})
	if err != nil {
		return err
	}
	to, err := queryDate(q, "to", today)
	if err != nil {
		return err
	}
	cs, err := s.store.RecheckCoverage(r.Context(), by, from, to)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, map[string]any{"from": from, "to": to, "items": cs})
	return nil
}
