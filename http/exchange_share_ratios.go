package http

import (
	stdhttp "net/http"
	"net/url"

	"hedui"
)

type shareRatioView struct {
	hedui.ShareRatio
	MeetsTarget bool `json:"meets_target"`
}

type shareRatioResponse struct {
	From   hedui.Date       `json:"from"`
	To     hedui.Date       `json:"to"`
	Target float64          `json:"target"`
	Items  []shareRatioView `json:"items"`
}

// handleExchangeShareRatios serves GET /api/v1/exchange/share-ratios: the
// plan's information-sharing ratio per county and for the city over
// [from, to], by default the current quarter.
func (s *Server) handleExchangeShareRatios(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.shareRatios"
	q := r.URL.Query()
	from, to := hedui.QuarterOf(hedui.Today(s.now())).Span()
	var err error
	if from, err = queryDate(q, "from", from); err != nil {
		return err
	}
	if to, err = queryDate(q, "to", to); err != nil {
		return err
	}
	if to.Before(from.Time) {
		return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "to", "结束日期不能早于开始日期")
	}
	rs, err := s.store.ShareRatios(r.Context(), by, from, to)
	// The plan's target (seed §三), as configured for the period's end.
	target := float64(hedui.TargetsOn(to).Sharing) / 100
	if err != nil {
		return err
	}
	out := shareRatioResponse{From: from, To: to, Target: target, Items: make([]shareRatioView, 0, len(rs))}
	for _, x := range rs {
		out.Items = append(out.Items, shareRatioView{ShareRatio: x, MeetsTarget: x.Units > 0 && x.Ratio >= target})
	}
	writeJSON(w, stdhttp.StatusOK, out)
	return nil
}

// queryDate reads an optional YYYY-MM-DD parameter.
func queryDate(q url.Values, name string, def hedui.Date) (hedui.Date, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	d, err := hedui.ParseDate(v)
	if err != nil {
		return hedui.Date{}, hedui.FieldErrorf("http.query", hedui.KindMalformed, "invalid_query", name, "参数%s应为日期，例如2025-03-15", name)
	}
	return d, nil
}
