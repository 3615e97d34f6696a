package http

import (
	stdhttp "net/http"

	"hedui"
)

// shareView is a target share with its percentage and whether it meets
// the target in force.
type shareView struct {
	hedui.Share
	Percent     float64 `json:"percent"`
	Target      int     `json:"target_percent"`
	MeetsTarget bool    `json:"meets_target"`
}

func viewShare(s hedui.Share, target int) shareView {
	return shareView{Share: s, Percent: s.Percent(), Target: target, MeetsTarget: s.Meets(target)}
}

// regionView is one region's figures as the API returns them.
type regionView struct {
	hedui.RegionFigures
	NewVerified shareView `json:"new_verified"`
	Reverified  shareView `json:"reverified"`
	Sharing     shareView `json:"sharing"`
}

// dashboardResponse is the dashboard with the shares judged against the
// targets, so that clients do not repeat the rule.
type dashboardResponse struct {
	*hedui.Dashboard
	QuarterLabel string       `json:"quarter_label"`
	Regions      []regionView `json:"regions"`
}

// handleDashboard serves GET /api/v1/dashboard?region=&quarter=2026Q1:
// the plan's three targets, department response and backlog, conclusions
// and the monthly trend of a city or county, by default the caller's own
// region and the current quarter. Counts only, no personal data.
func (s *Server) handleDashboard(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	q := hedui.QuarterOf(hedui.Today(s.now()))
	if v := r.URL.Query().Get("quarter"); v != "" {
		var err error
		if q, err = hedui.ParseQuarter(v); err != nil {
			return err
		}
	}
	d, err := s.store.Dashboard(r.Context(), by, r.URL.Query().Get("region"), q)
	if err != nil {
		return err
	}
	t := d.Targets
	out := dashboardResponse{Dashboard: d, QuarterLabel: d.Quarter.Label(), Regions: make([]regionView, 0, len(d.Regions))}
	for _, x := range d.Regions {
		out.Regions = append(out.Regions, regionView{RegionFigures: x, NewVerified: viewShare(x.NewVerified, t.NewVerified),
			Reverified: viewShare(x.Reverified, t.Reverified), Sharing: viewShare(x.Sharing, t.Sharing)})
	}
	writeJSON(w, stdhttp.StatusOK, out)
	return nil
}
