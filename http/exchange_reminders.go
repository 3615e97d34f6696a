package http

import (
	stdhttp "net/http"

	"hedui"
)

type remindResponse struct {
	Day      hedui.Date `json:"day"`
	Reminded int        `json:"reminded"`
}

// handleExchangeReminders serves POST /api/v1/exchange/reminders: the
// verifier records a reminder (催办) for each overdue query of his region
// not reminded today, so pressing the button twice reminds once.
func (s *Server) handleExchangeReminders(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	today := hedui.Today(s.now())
	n, err := s.store.Remind(r.Context(), by, today)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, remindResponse{Day: today, Reminded: n})
	return nil
}
