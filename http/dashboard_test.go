package http

import (
	"bytes"
	"testing"
)

// TestDashboardAPI: a reported case in 肖金镇 and an accepted one in 环城镇
// show in the city's dashboard and each county's, judged against the
// plan's targets; the answer carries counts only; a county cannot read
// another county, and a malformed quarter is refused.
func TestDashboardAPI(t *testing.T) {
	e := newEnv(t)
	xf := e.caseAt(xiaojin, "reported")
	hx := e.caseAt(huancheng, "accepted")

	var city dashboardResponse
	r := e.must(200, e.as("verifier.city"), "GET", "/api/v1/dashboard", nil, &city)
	if city.Region != "621000" || city.Targets.NewVerified != 100 || city.Targets.Sharing != 50 || len(city.Trend) != 12 {
		t.Fatalf("city dashboard %+v", city.Dashboard)
	}
	got := map[string]regionView{}
	for _, x := range city.Regions {
		got[x.Code] = x
	}
	if len(city.Regions) < 3 || city.Regions[0].Code != "621000" {
		t.Fatalf("city regions %+v", city.Regions)
	}
	cases := []struct {
		code      string
		count, of int
		meets     bool
	}{
		{"621000", 1, 2, false},
		{"621002", 1, 1, true},
		{"621022", 0, 1, false},
	}
	for _, c := range cases {
		v := got[c.code].NewVerified
		if v.Count != c.count || v.Of != c.of || v.MeetsTarget != c.meets || v.Target != 100 {
			t.Errorf("%s new_verified %+v, want %d/%d meets %v", c.code, v, c.count, c.of, c.meets)
		}
	}
	if got["621002"].Conclusions.Total() != 1 {
		t.Errorf("西峰区 conclusions %+v", got["621002"].Conclusions)
	}
	for _, id := range append(xf.idNumbers, hx.idNumbers...) {
		if bytes.Contains(r.body, []byte(id)) || bytes.Contains(r.body, []byte(id[len(id)-4:]+`"`)) {
			t.Errorf("the dashboard quotes a person's ID number")
		}
	}

	var county dashboardResponse
	e.must(200, e.as("verifier.huanxian"), "GET", "/api/v1/dashboard?quarter="+city.Quarter.String(), nil, &county)
	if len(county.Regions) != 1 || county.Regions[0].Code != "621022" || county.Regions[0].NewVerified.Of != 1 {
		t.Errorf("环县 dashboard %+v", county.Regions)
	}
	tests := []struct {
		acct, path string
		status     int
		code       string
	}{
		{"verifier.huanxian", "/api/v1/dashboard?region=621002", 403, "dashboard_forbidden"},
		{"admin", "/api/v1/dashboard?region=621022", 200, ""},
		{"auditor", "/api/v1/dashboard?quarter=2025Q9", 400, "invalid_quarter"},
		{"auditor", "/api/v1/dashboard?quarter=2999Q1", 422, "quarter_not_begun"},
	}
	for _, tt := range tests {
		r := e.call(e.as(tt.acct), "GET", tt.path, nil)
		if r.status != tt.status || (tt.code != "" && r.errorDetail().Code != tt.code) {
			t.Errorf("%s as %s: %v, want %d %s", tt.path, tt.acct, r, tt.status, tt.code)
		}
	}
}
