package http

import (
	stdhttp "net/http"

	"hedui"
)

type escalationRequest struct {
	County  string `json:"county_code"`
	Year    int    `json:"year"`
	Quarter int    `json:"quarter"`
}

// escalationResponse is the batch with whether today falls in the first
// month of its quarter, when the plan has counties send their cases up;
// outside it the upload is on demand, which the UI may want to point out.
type escalationResponse struct {
	batchView
	FirstMonth bool `json:"first_month"`
}

// handleEscalationCreate serves POST /api/v1/escalations: the county
// gathers its flagged cases not yet sent into the quarter's batch for the
// city centre, which is created the first time and grows afterwards; 200
// either way. The county defaults to the verifier's own, the quarter to
// the current one; the city centre names a county of its city.
func (s *Server) handleEscalationCreate(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.escalationCreate"
	var in escalationRequest
	if r.ContentLength != 0 {
		if err := s.decodeJSON(w, r, &in); err != nil {
			return err
		}
	}
	today := hedui.Today(s.now())
	if in.County == "" && by.Level == hedui.LevelCounty {
		in.County = by.Division
	}
	quarter := hedui.QuarterOf(today)
	switch {
	case in.County == "":
		return hedui.FieldErrorf(op, hedui.KindInvalid, "missing_county", "county_code", "请填写上报的县区代码")
	case len(in.County) != 6 || !allDigits(in.County):
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_county", "county_code", "县区代码应为6位数字，例如621002")
	case in.Year == 0 && in.Quarter == 0:
	case in.Quarter < 1 || in.Quarter > 4:
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_quarter", "quarter", "季度应为1到4")
	case in.Year == 0:
		quarter.Q = in.Quarter
	case in.Year < 2000 || in.Year > quarter.Year+1:
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_year", "year", "年份应在2000到%d之间", quarter.Year+1)
	default:
		quarter = hedui.Quarter{Year: in.Year, Q: in.Quarter}
	}
	b, err := s.store.Escalate(r.Context(), by, in.County, quarter)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, escalationResponse{batchView: viewBatch(b), FirstMonth: hedui.FirstMonth(today)})
	return nil
}
