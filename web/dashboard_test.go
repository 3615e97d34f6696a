package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestDashboardPage: the city centre's dashboard shows the three targets,
// conclusions, departments and trend as SVG charts with Chinese labels
// and tables, and no person; a county sees its own county only; roles
// without figures are refused.
func TestDashboardPage(t *testing.T) {
	e := newEnv(t)
	x := e.seedDispatched()
	c := e.client()
	c.login("verifier.city")
	p := c.get("/dashboard")
	if p.status != http.StatusOK {
		t.Fatalf("dashboard = %d: %s", p.status, excerpt(p.body))
	}
	for _, want := range []string{
		"统计看板", "庆阳市", "2025年第2季度", "新申请核对率（先核后保）", "在保对象复核率", "成员单位信息共享率",
		"目标 100%", "目标 50%", "庆政办发〔2015〕42号", "各县区核对结论", "部门反馈用时与积压", "近12个月趋势",
		"西峰区", "环县", "西峰区公安局", "尚未反馈", "受理业务", "数据表", `href="/dashboard"`,
	} {
		if !strings.Contains(p.body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	// Three target charts, conclusions, two department charts, the trend;
	// each titled, each target with its dashed line.
	if n := strings.Count(p.body, `<svg class="chart-svg"`); n != 7 {
		t.Errorf("%d charts, want 7", n)
	}
	if n := len(regexp.MustCompile(`<svg[^>]*role="img"[^>]*><title>[^<]+</title>`).FindAllString(p.body, -1)); n != 7 {
		t.Errorf("%d titled charts, want 7", n)
	}
	if n := strings.Count(p.body, `class="target-line"/>`); n < 3 {
		t.Errorf("%d target lines", n)
	}
	// The case is accepted, dispatched and not reported: 西峰区 0 of 1.
	if !regexp.MustCompile(`<td>西峰区</td><td class="num">0</td><td class="num">1</td><td class="num">0.0%</td>`).MatchString(p.body) {
		t.Errorf("西峰区's new-applicant row is missing: %s", excerpt(p.body))
	}
	if strings.Contains(p.body, "韩梅梅") || strings.Contains(p.body, x.idNumber) || strings.Contains(p.body, x.idNumber[14:]) {
		t.Error("the dashboard shows a person")
	}

	// One county, chosen by the city; the selector keeps the choice.
	p = c.get("/dashboard?region=621022&quarter=2025Q1")
	if p.status != http.StatusOK || !strings.Contains(p.body, "2025年第1季度") || !strings.Contains(p.body, `<option value="621022" selected>`) {
		t.Errorf("环县 2025Q1 = %d", p.status)
	}

	tests := []struct {
		acct, path string
		status     int
	}{
		{"verifier.huanxian", "/dashboard", http.StatusOK},
		{"verifier.huanxian", "/dashboard?region=621002", http.StatusForbidden},
		{"admin", "/dashboard", http.StatusOK},
		{"auditor", "/dashboard?quarter=2025Q9", http.StatusUnprocessableEntity},
		{"clerk.xiaojin", "/dashboard", http.StatusForbidden},
		{"agency.xifeng", "/dashboard", http.StatusForbidden},
	}
	for _, tt := range tests {
		c := e.client()
		c.login(tt.acct)
		p := c.get(tt.path)
		if p.status != tt.status {
			t.Errorf("%s %s = %d, want %d", tt.acct, tt.path, p.status, tt.status)
		}
		if tt.acct == "verifier.huanxian" && p.status == http.StatusOK &&
			(strings.Contains(p.body, "西峰区公安局") || strings.Contains(p.body, `name="region"`)) {
			t.Errorf("环县 sees 西峰区 or a region choice")
		}
	}
}
