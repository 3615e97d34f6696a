package web

import (
	"cmp"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"

	"hedui"
)

// dashboardPage is the dashboard of a city or county for a quarter: the
// plan's three targets, conclusions by county, department response and
// backlog, and the monthly trend, each as a chart with its table.
type dashboardPage struct {
	D        *hedui.Dashboard
	Quarter  string // the selected quarter, 2026Q1
	Region   string // the selected region
	Quarters []option
	Regions  []option // the regions the user may choose; empty for a county's users
	Targets  []targetCard

	Conclusions template.HTML
	DeptDays    template.HTML
	DeptBacklog template.HTML
	Trend       template.HTML
	// Shown lists the departments the charts show (the busiest), of the
	// table's Departments.
	Shown int
}

// targetCard is one of the plan's targets: its chart and its table.
type targetCard struct {
	ID, Title, Desc     string
	CountLabel, OfLabel string // the table's column heads
	Target              int
	Chart               template.HTML
	Rows                []targetRow
}

// targetRow is one region's figure for a target.
type targetRow struct {
	Name      string
	Count, Of int
	Percent   string // "" when there is nothing to count
	Meets     bool
}

// dashboardQuarters is how many quarters the selector offers.
const dashboardQuarters = 8

// dashboardDepts is how many departments a chart shows at most, so that
// it stays readable; the table lists them all.
const dashboardDepts = 12

// dashboardRoutes: the dashboard, for those who read figures without
// personal data.
func (s *Server) dashboardRoutes() []route {
	roles := []hedui.Role{hedui.RoleVerifier, hedui.RoleAdmin, hedui.RoleAuditor}
	return []route{{method: "GET", pattern: "/dashboard", purpose: "统计看板", roles: roles, h: s.handleDashboard}}
}

// handleDashboard serves GET /dashboard?quarter=2026Q1&region=621002.
func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request, sess *session) error {
	current := hedui.QuarterOf(hedui.Today(s.now()))
	q := current
	if v := r.URL.Query().Get("quarter"); v != "" {
		var err error
		if q, err = hedui.ParseQuarter(v); err != nil {
			return err
		}
	}
	d, err := s.store.Dashboard(r.Context(), sess.by, r.URL.Query().Get("region"), q)
	if err != nil {
		return err
	}
	p := dashboardPage{D: d, Quarter: q.String(), Region: d.Region}
	for i, x := 0, current; i < dashboardQuarters; i, x = i+1, x.Prev() {
		p.Quarters = append(p.Quarters, option{x.String(), x.Label()})
	}
	if sess.by.Level == hedui.LevelCity {
		if p.Regions, err = s.regionOptions(r, sess.by.Division); err != nil {
			return err
		}
	}
	s.fillTargets(&p)
	s.fillCharts(&p)
	title := s.text.get("dashboard.title")
	s.render(w, r, http.StatusOK, "dashboard", view{Title: title, Nav: "dashboard", Sess: sess, Page: p})
	return nil
}

// regionOptions lists a city and its counties.
func (s *Server) regionOptions(r *http.Request, city string) ([]option, error) {
	ds, err := s.store.Divisions(r.Context())
	if err != nil {
		return nil, err
	}
	var out []option
	for _, d := range ds {
		if d.Code == city {
			out = slices.Insert(out, 0, option{d.Code, d.Name + s.text.get("dashboard.whole_city")})
		} else if d.ParentCode == city && d.Level == hedui.LevelCounty {
			out = append(out, option{d.Code, d.Name})
		}
	}
	return out, nil
}

// fillTargets builds the three target cards: one bar per region (the
// region itself first) against the target line.
func (s *Server) fillTargets(p *dashboardPage) {
	t := p.D.Targets
	cards := []struct {
		id, title, desc, count, of string
		target                     int
		share                      func(hedui.RegionFigures) hedui.Share
	}{
		{"new_verified", s.text.get("dashboard.target.new_verified"), s.text.get("dashboard.target.new_verified.desc"),
			s.text.get("dashboard.col.new_verified.count"), s.text.get("dashboard.col.new_verified.of"),
			t.NewVerified, func(r hedui.RegionFigures) hedui.Share { return r.NewVerified }},
		{"reverified", s.text.get("dashboard.target.reverified"), s.text.get("dashboard.target.reverified.desc"),
			s.text.get("dashboard.col.reverified.count"), s.text.get("dashboard.col.reverified.of"),
			t.Reverified, func(r hedui.RegionFigures) hedui.Share { return r.Reverified }},
		{"sharing", s.text.get("dashboard.target.sharing"), s.text.get("dashboard.target.sharing.desc"),
			s.text.get("dashboard.col.sharing.count"), s.text.get("dashboard.col.sharing.of"),
			t.Sharing, func(r hedui.RegionFigures) hedui.Share { return r.Sharing }},
	}
	for _, c := range cards {
		card := targetCard{ID: c.id, Title: c.title, Desc: c.desc, CountLabel: c.count, OfLabel: c.of, Target: c.target}
		var bars []bar
		for _, r := range p.D.Regions {
			sh := c.share(r)
			row := targetRow{Name: r.Name, Count: sh.Count, Of: sh.Of, Meets: sh.Meets(c.target)}
			b := bar{Label: r.Name, Value: sh.Percent(), Class: "c-warn"}
			if sh.Of > 0 {
				row.Percent = fmt.Sprintf("%.1f%%", sh.Percent())
				b.Text = row.Percent
			}
			if row.Meets {
				b.Class = "c-ok"
			}
			card.Rows = append(card.Rows, row)
			bars = append(bars, b)
		}
		ref := refLine{Value: float64(c.target), Label: s.text.get("dashboard.target_line", c.target)}
		card.Chart = targetBars(card.Title, bars, ref)
		p.Targets = append(p.Targets, card)
	}
}

// fillCharts draws the conclusions by county, the departments and the
// trend.
func (s *Server) fillCharts(p *dashboardPage) {
	d := p.D
	counties := d.Regions
	if len(counties) > 1 {
		counties = counties[1:] // a city's own row is the sum of its counties
	}
	var groups []string
	outcomes := []series{
		{Name: hedui.OverallClear.Label(), Class: "c-s1"}, {Name: hedui.OverallVisit.Label(), Class: "c-s2"},
		{Name: hedui.OverallExceeds.Label(), Class: "c-s3"}, {Name: hedui.OverallIncomplete.Label(), Class: "c-s4"},
	}
	for _, r := range counties {
		groups = append(groups, r.Name)
		c := r.Conclusions
		for i, v := range []int{c.Clear, c.Visit, c.Exceeds, c.Incomplete} {
			outcomes[i].Values = append(outcomes[i].Values, float64(v))
		}
	}
	p.Conclusions = groupedBars(s.text.get("dashboard.conclusions"), groups, outcomes)

	busy := slices.Clone(d.Departments)
	slices.SortStableFunc(busy, func(a, b hedui.DeptFigures) int {
		return cmp.Or(cmp.Compare(b.Overdue, a.Overdue), cmp.Compare(b.Open, a.Open), cmp.Compare(b.Answered, a.Answered))
	})
	busy = slices.DeleteFunc(busy, func(x hedui.DeptFigures) bool { return x.Open+x.Answered == 0 })
	busy = busy[:min(len(busy), dashboardDepts)]
	p.Shown = len(busy)
	names := make([]string, len(busy))
	backlog := []series{{Name: s.text.get("dashboard.dept.open"), Class: "c-s2"}, {Name: s.text.get("dashboard.dept.overdue"), Class: "c-s3"}}
	days := []series{{Name: s.text.get("dashboard.dept.avg_days"), Class: "c-s1"}}
	for i, x := range busy {
		names[i] = x.Name
		backlog[0].Values = append(backlog[0].Values, float64(x.Open))
		backlog[1].Values = append(backlog[1].Values, float64(x.Overdue))
		days[0].Values = append(days[0].Values, x.AvgDays)
	}
	p.DeptBacklog = hBars(s.text.get("dashboard.dept.backlog"), "", names, backlog)
	p.DeptDays = hBars(s.text.get("dashboard.dept.days"), s.text.get("dashboard.unit.days"), names, days)

	labels := make([][2]string, len(d.Trend))
	trend := []series{
		{Name: s.text.get("dashboard.trend.accepted"), Class: "c-s1"}, {Name: s.text.get("dashboard.trend.reported"), Class: "c-s4"},
		{Name: s.text.get("dashboard.trend.answered"), Class: "c-s2"}, {Name: s.text.get("dashboard.trend.late"), Class: "c-s3"},
	}
	for i, m := range d.Trend {
		year, month, _ := strings.Cut(m.Month, "-")
		labels[i][0] = strings.TrimPrefix(month, "0") + "月"
		if i == 0 || month == "01" {
			labels[i][1] = year + "年"
		}
		for j, v := range []int{m.Accepted, m.Reported, m.Answered, m.Late} {
			trend[j].Values = append(trend[j].Values, float64(v))
		}
	}
	p.Trend = lineChart(s.text.get("dashboard.trend"), labels, trend)
}
