package http

import (
	"fmt"
	stdhttp "net/http"

	"hedui"
	"hedui/exchange"
)

type dispatchRequest struct {
	Level hedui.Level `json:"level"`
}

// dispatchResponse is what launching a verification did: the queries (one
// per department), the members left out and why, the departments not asked
// for want of an agreement in force, and whether the queries were created
// now or already existed.
type dispatchResponse struct {
	Created            bool              `json:"created"`
	Queries            []queryView       `json:"queries"`
	Excluded           []hedui.Exclusion `json:"excluded"`
	SkippedDepartments []string          `json:"skipped_departments"`
}

// handleApplicationDispatch serves POST /api/v1/applications/{id}/dispatch:
// the verifier launches verification of an accepted case. Due dates follow
// the holiday calendar; a year an administrator has not entered is a 422
// that says so, never a Monday-to-Friday guess. Dispatching again returns
// the existing queries with 200.
func (s *Server) handleApplicationDispatch(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.applicationDispatch"
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	in := dispatchRequest{Level: hedui.LevelCounty}
	if r.ContentLength != 0 {
		if err := s.decodeJSON(w, r, &in); err != nil {
			return err
		}
	}
	switch in.Level {
	case "":
		in.Level = hedui.LevelCounty
	case hedui.LevelCounty, hedui.LevelCity:
	default:
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_level", "level", "核对层级应为county（县区部门）或city（市级部门）")
	}
	cal, err := exchange.LoadCalendar(r.Context(), s.store)
	if err != nil {
		return err
	}
	d, err := s.store.Dispatch(r.Context(), by, id, in.Level, exchange.DueFunc(cal))
	if err != nil {
		return err
	}
	today := hedui.Today(s.now())
	out := dispatchResponse{Created: d.Created, Queries: make([]queryView, 0, len(d.Queries)), Excluded: nonNil(d.Excluded),
		SkippedDepartments: nonNil(d.SkippedDepartments)}
	for _, q := range d.Queries {
		out.Queries = append(out.Queries, viewQuery(q, by, today, false))
	}
	status := stdhttp.StatusOK
	if d.Created {
		status = stdhttp.StatusCreated
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/applications/%d/queries", id))
	writeJSON(w, status, out)
	return nil
}
