package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/deptsim"
	"hedui/exchange"
	"hedui/idcard"
	"hedui/recheck"
)

// startRound starts a round of 西峰区 through the form and returns the
// round page's path.
func (c *client) startRound() string {
	c.e.t.Helper()
	c.get("/rechecks/rounds")
	p := c.post("/rechecks/rounds", url.Values{"scope": {"621002"}, "as_of": {"2026-07-01"}})
	if p.status != http.StatusSeeOther {
		c.e.t.Fatalf("start round: %d %s", p.status, excerpt(p.body))
	}
	return strings.TrimSuffix(p.header.Get("Location"), "?started=1")
}

func TestRecheckRoundPages(t *testing.T) {
	f := newRecheckEnv(t, 6)
	c := f.client()
	c.login("verifier.xifeng")
	if p := c.get("/rechecks/rounds"); p.status != 200 || !strings.Contains(p.body, `id="round-form"`) || !strings.Contains(p.body, "还没有复核轮次") {
		t.Fatalf("rounds page: %d %s", p.status, excerpt(p.body))
	}
	if p := c.post("/rechecks/rounds", url.Values{"csrf": {""}, "scope": {"621002"}, "as_of": {"2026-07-01"}}); p.status != http.StatusForbidden {
		t.Errorf("start without CSRF token: %d, want 403", p.status)
	}
	if p := c.post("/rechecks/rounds", url.Values{"scope": {"621002"}, "as_of": {"2026-13-01"}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("bad day: %d, want 422", p.status)
	}
	if p := c.post("/rechecks/rounds", url.Values{"scope": {"621022"}, "as_of": {"2026-07-01"}}); p.status != http.StatusUnprocessableEntity ||
		!strings.Contains(p.body, "本辖区") {
		t.Errorf("other county's round: %d %s", p.status, excerpt(p.body))
	}
	path := c.startRound()
	p := c.get(path + "?started=1")
	for _, want := range []string{"5 户到期并发起核对，1 户因授权书问题未发起", "进行中", "授权书已于 2026-03-31 过期", "XF00005", "<progress"} {
		if !strings.Contains(p.body, want) {
			t.Errorf("running round page lacks %q", want)
		}
	}
	// progress.js polls the round's state; without script the page
	// refreshes itself.
	if !strings.Contains(p.body, `data-progress-url="`+path+`/progress"`) || !strings.Contains(p.body, `http-equiv="refresh"`) {
		t.Errorf("running round page lacks the progress poll or the no-script refresh: %s", excerpt(p.body))
	}
	if st := c.roundState(path); st.Finished || st.Total != 5 || st.Done != 0 {
		t.Errorf("running round state = %+v", st)
	}
	other := f.client()
	other.login("verifier.huanxian")
	if p := other.get(path); p.status != http.StatusNotFound {
		t.Errorf("another county's verifier opens the round: %d, want 404", p.status)
	}
	if p := other.get(path + "/progress"); p.status != http.StatusNotFound {
		t.Errorf("another county's verifier polls the round: %d, want 404", p.status)
	}
	if p := other.get("/rechecks/rounds"); strings.Contains(p.body, path) {
		t.Error("another county's verifier sees the round in his list")
	}
	city := f.client()
	city.login("verifier.city")
	if p := city.get(path); p.status != http.StatusOK {
		t.Errorf("the city's verifier opens 西峰区's round: %d, want 200", p.status)
	}
	if p := city.get("/rechecks/rounds"); !strings.Contains(p.body, path) || !strings.Contains(p.body, `<option value="621000"`) ||
		!strings.Contains(p.body, `<option value="621022"`) {
		t.Errorf("the city's rounds page lacks the round or the city and county scopes: %s", excerpt(p.body))
	}
	clerk := f.client()
	clerk.login("clerk.xiaojin")
	if p := clerk.get(path); p.status != http.StatusForbidden {
		t.Errorf("clerk opens a round: %d, want 403", p.status)
	}

	f.drain()
	p = c.get(path)
	if strings.Contains(p.body, `http-equiv="refresh"`) || !strings.Contains(p.body, "已完成") || !strings.Contains(p.body, " data-finished") ||
		!strings.Contains(p.body, "<span data-progress-done>5</span> / <span data-progress-total>5</span>") {
		t.Errorf("finished round page: %s", excerpt(p.body))
	}
	if st := c.roundState(path); !st.Finished || st.Total != 5 || st.Done != 5 || st.Percent != 100 {
		t.Errorf("finished round state = %+v", st)
	}
	for _, d := range []string{"西峰区公安局", "西峰区财政局", "西峰区人力资源和社会保障局"} {
		if !strings.Contains(p.body, d) {
			t.Errorf("finished round page lacks the progress of %s", d)
		}
	}
}

// roundState reads the JSON state progress.js polls for a round.
func (c *client) roundState(path string) progressState {
	c.e.t.Helper()
	p := c.get(path + "/progress")
	var st progressState
	if p.status != http.StatusOK || !strings.HasPrefix(p.header.Get("Content-Type"), "application/json") {
		c.e.t.Fatalf("round progress: %d %s", p.status, excerpt(p.body))
	}
	if err := json.Unmarshal([]byte(p.body), &st); err != nil {
		c.e.t.Fatalf("round progress: %v in %s", err, p.body)
	}
	return st
}

var warningLinkRe = regexp.MustCompile(`href="(/rechecks/warnings/\d+)"`)

// finishedRound starts and finishes a round as verifier.xifeng and
// returns his client and the warning paths of the list, largest gap first.
func (f *rfix) finishedRound(t *testing.T) (*client, []string) {
	c := f.client()
	c.login("verifier.xifeng")
	c.startRound()
	f.drain()
	p := c.get("/rechecks/warnings")
	var paths []string
	for _, m := range warningLinkRe.FindAllStringSubmatch(p.body, -1) {
		paths = append(paths, m[1])
	}
	if len(paths) == 0 {
		t.Fatalf("the round left no warning to test with: %s", excerpt(p.body))
	}
	for _, h := range f.pop.Households {
		if strings.Contains(p.body, h.Members[0].Name) {
			t.Errorf("warning list shows the full name %s", h.Members[0].Name)
		}
	}
	return c, paths
}

func TestRecheckWarningAndExitPages(t *testing.T) {
	f := newRecheckEnv(t, 8)
	c, paths := f.finishedRound(t)
	w := paths[0]
	other := f.client()
	other.login("verifier.huanxian")
	if p := other.get(w); p.status != http.StatusNotFound {
		t.Errorf("another county's verifier opens the warning: %d, want 404", p.status)
	}
	if p := other.get("/rechecks/warnings"); strings.Contains(p.body, w+`"`) {
		t.Error("another county's verifier sees the warning in his list")
	}
	for _, action := range []string{"/exit", "/dismiss"} {
		if p := other.post(w+action, url.Values{"reason": {"x"}, "note": {"x"}}); p.status != http.StatusNotFound {
			t.Errorf("another county's verifier posts %s: %d, want 404", action, p.status)
		}
	}
	p := c.get(w)
	for _, want := range []string{`id="evidence"`, `id="exit-form"`, `id="dismiss-form"`, "与基线比较", "待处理"} {
		if !strings.Contains(p.body, want) {
			t.Errorf("warning page lacks %q: %s", want, excerpt(p.body))
		}
	}
	audit, err := f.store.AuditEntries(context.Background(), f.actor("auditor"), hedui.AuditFilter{Action: "recheck.warning.view", Limit: 10})
	if err != nil || audit.Total == 0 {
		t.Errorf("opening a warning left no audit entry: %+v %v", audit, err)
	}

	if p := c.post(w+"/exit", url.Values{"csrf": {"forged"}, "reason": {"新购车辆"}}); p.status != http.StatusForbidden {
		t.Errorf("exit without a valid CSRF token: %d, want 403", p.status)
	}
	if p := c.post(w+"/exit", url.Values{"reason": {" "}}); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "请填写清退建议的理由") {
		t.Errorf("exit without reason: %d %s", p.status, excerpt(p.body))
	}
	if p := c.post(w+"/exit", url.Values{"reason": {"收入明显增加，不再符合低保条件"}}); p.status != http.StatusSeeOther {
		t.Fatalf("exit: %d %s", p.status, excerpt(p.body))
	}
	if p := c.get(w + "?done=exit"); !strings.Contains(p.body, "已将清退建议发送给经办机构") || strings.Contains(p.body, `id="exit-form"`) {
		t.Errorf("warning after the recommendation: %s", excerpt(p.body))
	}
	if p := c.post(w+"/dismiss", url.Values{"note": {"again"}}); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "该预警已处理") {
		t.Errorf("dismissing a closed warning: %d", p.status)
	}
	if len(paths) > 1 {
		if p := c.post(paths[1]+"/dismiss", url.Values{"note": {"已入户核实，收入为临时务工"}}); p.status != http.StatusSeeOther {
			t.Errorf("dismiss: %d %s", p.status, excerpt(p.body))
		}
		if p := c.get("/rechecks/warnings?status=dismissed"); !strings.Contains(p.body, paths[1]+`"`) {
			t.Error("the dismissed warning is not listed as dismissed")
		}
	}

	agency := f.client()
	agency.login("agency.xifeng")
	p = agency.get("/agency/exits")
	if !strings.Contains(p.body, "收入明显增加，不再符合低保条件") {
		t.Fatalf("agency inbox lacks the recommendation: %s", excerpt(p.body))
	}
	action := regexp.MustCompile(`action="(/agency/exits/\d+/decision)"`).FindStringSubmatch(p.body)
	if action == nil {
		t.Fatal("no decision form in the agency inbox")
	}
	agencyHX := f.client()
	agencyHX.login("agency.huanxian")
	if p := agencyHX.get("/agency/exits"); strings.Contains(p.body, "收入明显增加") {
		t.Error("another county's agency sees the recommendation")
	}
	if p := agencyHX.post(action[1], url.Values{"decision": {"approve"}}); p.status != http.StatusNotFound {
		t.Errorf("another county's agency decides: %d, want 404", p.status)
	}
	if p := agency.post(action[1], url.Values{"csrf": {""}, "decision": {"approve"}}); p.status != http.StatusForbidden {
		t.Errorf("decision without CSRF token: %d, want 403", p.status)
	}
	if p := agency.post(action[1], url.Values{"decision": {"reject"}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("rejection without a note: %d, want 422", p.status)
	}
	if p := agency.post(action[1], url.Values{"decision": {"approve"}, "note": {"同意清退"}}); p.status != http.StatusSeeOther {
		t.Fatalf("approve: %d %s", p.status, excerpt(p.body))
	}
	if p := agency.get("/agency/exits?done=approved"); !strings.Contains(p.body, "已清退") || !strings.Contains(p.body, "没有待决定的清退建议") {
		t.Errorf("inbox after the decision: %s", excerpt(p.body))
	}
	if p := c.get("/agency/exits"); p.status != http.StatusForbidden {
		t.Errorf("a verifier opens the agency inbox: %d, want 403", p.status)
	}
}

func TestRecheckSchedulePages(t *testing.T) {
	f := newRecheckEnv(t, 2)
	c := f.client()
	c.login("verifier.xifeng")
	p := c.get("/rechecks/schedules?county=621002&category=tekun")
	if p.status != 200 || !strings.Contains(p.body, "示例") || !strings.Contains(p.body, `value="30"`) {
		t.Fatalf("schedules page: %d %s", p.status, excerpt(p.body))
	}
	form := url.Values{"county": {"621002"}, "category": {"dibao"}, "valid_from": {"2026-08-01"}, "stable_months": {"12"},
		"other_months": {"3"}, "income_rise_pct": {"12.5"}, "income_rise_min": {"200"}, "note": {"区民政局 2026 年第 5 号文"}}
	if p := c.post("/rechecks/schedules", withCSRF(form, "")); p.status != http.StatusForbidden {
		t.Errorf("save without CSRF token: %d, want 403", p.status)
	}
	bad := withCSRF(form, c.csrf)
	bad.Set("other_months", "40")
	if p := c.post("/rechecks/schedules", bad); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "1 至 36 个月") {
		t.Errorf("interval of 40 months: %d %s", p.status, excerpt(p.body))
	}
	if p := c.post("/rechecks/schedules", form); p.status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", p.status, excerpt(p.body))
	}
	list, err := f.store.RecheckSchedules(context.Background(), f.actor("verifier.xifeng"), "621002")
	if err != nil {
		t.Fatal(err)
	}
	if got := list[0]; got.Category != hedui.CategoryDibao || got.OtherMonths != 3 || got.IncomeRiseBP != 1250 ||
		got.IncomeRiseMinFen != 20000 || got.Example || got.ValidFrom.String() != "2026-08-01" {
		t.Errorf("stored version = %+v", got)
	}
	other := f.client()
	other.login("verifier.huanxian")
	if p := other.post("/rechecks/schedules", withCSRF(form, other.csrf)); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "本辖区以外") {
		t.Errorf("another county's verifier sets 西峰区's schedule: %d", p.status)
	}
	if p := other.get("/rechecks/schedules"); strings.Contains(p.body, "第 5 号文") {
		t.Error("another county's verifier sees 西峰区's schedule")
	}
}

// withCSRF copies a form with the csrf entry set.
func withCSRF(form url.Values, token string) url.Values {
	out := url.Values{}
	for k, v := range form {
		out[k] = v
	}
	out.Set("csrf", token)
	return out
}

// TestRecheckRoundRefusals: the round page counts the queries departments
// refused, per department and overall, and says why with the ID number
// masked.
func TestRecheckRoundRefusals(t *testing.T) {
	f := newRecheckEnv(t, 4)
	c := f.client()
	c.login("verifier.xifeng")
	path := c.startRound()
	id := f.pop.Households[0].Members[0].IDNumber
	f.worker = recheck.NewWorker(f.store, recheck.Options{Node: "web-test", Lease: time.Minute,
		Adapters: map[hedui.Channel]exchange.Adapter{hedui.ChannelSimulator: deptsim.NewAdapter(f.pop,
			deptsim.Behaviour{Refuse: []string{id}}, f.clock.Now)}})
	f.drain()
	p := c.get(path)
	for _, want := range []string{"被拒收", `id="round-refused">3<`, "部门拒收了部分查询", "HTTP 400", idcard.Mask(id)} {
		if !strings.Contains(p.body, want) {
			t.Errorf("round page lacks %q: %s", want, excerpt(p.body))
		}
	}
	if strings.Contains(p.body, id) {
		t.Error("round page shows a refused person's full ID number")
	}
}
