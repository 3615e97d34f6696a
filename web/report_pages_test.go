package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/demo"
)

// verifiedCase takes a one-member case of 西峰区 through the store to
// accepted, with a manual department of the county to ask, and the
// example policies in place. It returns the case, the department and a
// function recording "no record" for every open query (the department's
// answers, as the exchange tests record them).
func (e *env) acceptedCase(name string) (*hedui.Application, hedui.Department, func()) {
	e.t.Helper()
	ctx := context.Background()
	if err := demo.SeedPolicies(ctx, e.store); err != nil {
		e.t.Fatal(err)
	}
	dep := e.manualDepartment("621002-bank-w"+itoa(int64(e.serial)), "西峰区人民银行（测试"+name+"）", hedui.LevelCounty, "621002", hedui.ItemBank)
	clerk, verifier := e.actor("clerk.xiaojin"), e.actor("verifier.xifeng")
	app, id := e.newApplication("clerk.xiaojin", name)
	today := hedui.Today(e.clock.Now())
	if _, err := e.store.SetDeclaration(ctx, clerk, app.ID, hedui.Declaration{Assets: []hedui.Asset{{IDNumber: id, Kind: hedui.AssetDeposit, ValueFen: 2_000_000}}}); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.store.AddLetter(ctx, clerk, app.ID, hedui.NewLetter{Form: hedui.LetterElectronic, SignedOn: today,
		Signers: []hedui.Signer{{IDNumber: id, Method: hedui.SignElectronic}}}); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.store.Transition(ctx, clerk, app.ID, hedui.ActSubmit, ""); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.store.Transition(ctx, verifier, app.ID, hedui.ActAccept, ""); err != nil {
		e.t.Fatal(err)
	}
	answer := func() {
		e.t.Helper()
		e.answerAll(app.ID)
	}
	return app, dep, answer
}

// answerAll records "no record" for every item of every subject of the
// case's queries, each as its department.
func (e *env) answerAll(appID int64) {
	e.t.Helper()
	ctx := context.Background()
	qs, err := e.store.Queries(ctx, e.actor("verifier.xifeng"), appID)
	if err != nil {
		e.t.Fatal(err)
	}
	today := hedui.Today(e.clock.Now())
	answers := map[int64][]hedui.Answer{}
	for _, q := range qs {
		for _, s := range q.Subjects {
			for _, it := range q.Items {
				answers[q.DepartmentID] = append(answers[q.DepartmentID], hedui.Answer{QueryID: q.ID, SubjectRef: s.Ref, Item: it, NoRecord: true, AsOf: today})
			}
		}
	}
	if len(answers) == 0 {
		e.t.Fatal("no query to answer")
	}
	for dep, as := range answers {
		if _, err := e.store.RecordAnswers(ctx, hedui.SystemActor("测试"), dep, as); err != nil {
			e.t.Fatal(err)
		}
	}
}

// newReportEnv starts in 2026, when the example policies are in force.
func newReportEnv(t *testing.T) *env {
	return newEnvWith(t, envOptions{start: time.Date(2026, 3, 16, 10, 0, 0, 0, hedui.CST)})
}

var reportLinkRe = regexp.MustCompile(`/reports/(\d+)`)

// TestVerifyToAgencyPages: a verifier dispatches, evaluates, decides and
// issues through the case page; the agency of the county finds the
// report in its inbox, downloads the PDF and decides; the agency of
// another county sees none of it.
func TestVerifyToAgencyPages(t *testing.T) {
	e := newReportEnv(t)
	app, dep, answer := e.acceptedCase("韩梅")
	path := "/applications/" + itoa(app.ID)
	v := e.client()
	v.login("verifier.xifeng")
	p := v.get(path)
	if !strings.Contains(p.body, `id="verify-dispatch"`) {
		t.Fatalf("no dispatch button: %s", excerpt(p.body))
	}
	p = v.post(path+"/dispatch", nil)
	if p.status != http.StatusOK || !strings.Contains(p.body, "个部门发出查询") || !strings.Contains(p.body, dep.Name) {
		t.Fatalf("dispatch: %d %s", p.status, excerpt(p.body))
	}
	answer()
	p = v.post(path+"/evaluate", nil)
	if p.status != http.StatusSeeOther {
		t.Fatalf("evaluate: %d %s", p.status, excerpt(p.body))
	}
	p = v.get(path)
	for _, want := range []string{"核对结论", "申报但未查到", "row-alert", "人均月收入", "低保标准", "保障金额", "政策第"} {
		if !strings.Contains(p.body, want) {
			t.Errorf("conclusion lacks %q", want)
		}
	}
	cid := regexp.MustCompile(`name="conclusion_id" value="(\d+)"`).FindStringSubmatch(p.body)
	if cid == nil {
		t.Fatalf("no decision form: %s", excerpt(p.body))
	}
	// An override needs a reason, said in Chinese.
	p = v.post(path+"/decision", url.Values{"conclusion_id": {cid[1]}, "action": {"override"}, "overall": {"clear"}, "category": {"dibao"}})
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "改判须填写理由") {
		t.Fatalf("override without reason: %d %s", p.status, excerpt(p.body))
	}
	// Without the CSRF token nothing happens.
	p = v.post(path+"/decision", url.Values{"csrf": {""}, "conclusion_id": {cid[1]}, "action": {"confirm"}})
	if p.status != http.StatusForbidden {
		t.Fatalf("decision without csrf = %d", p.status)
	}
	v.get(path)
	p = v.post(path+"/decision", url.Values{"conclusion_id": {cid[1]}, "action": {"override"}, "overall": {"clear"}, "category": {"dibao"},
		"benefit": {"300.00"}, "reason": {"入户调查核实存款系代管款项"}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("override: %d %s", p.status, excerpt(p.body))
	}
	v.get(path)
	p = v.post(path+"/report", nil)
	if p.status != http.StatusSeeOther {
		t.Fatalf("issue: %d %s", p.status, excerpt(p.body))
	}
	reportPath := p.header.Get("Location")
	m := reportLinkRe.FindStringSubmatch(reportPath)
	if m == nil {
		t.Fatalf("issue went to %q", reportPath)
	}
	reportPath = "/reports/" + m[1]
	if p = v.get(path); !strings.Contains(p.body, reportPath+"/pdf") || !strings.Contains(p.body, reportPath+"/html") {
		t.Errorf("case page lacks the report links")
	}

	other := e.client()
	other.login("agency.huanxian")
	if p := other.get("/agency/inbox"); p.status != http.StatusOK || strings.Contains(p.body, reportPath) {
		t.Errorf("another county's inbox: %d, shows the report: %v", p.status, strings.Contains(p.body, reportPath))
	}
	for _, path := range []string{reportPath, reportPath + "/pdf", reportPath + "/html"} {
		if p := other.get(path); p.status != http.StatusNotFound {
			t.Errorf("another county's agency GET %s = %d", path, p.status)
		}
	}
	if p := other.post(reportPath+"/decision", url.Values{"decision": {"approve"}}); p.status != http.StatusNotFound {
		t.Errorf("another county's agency decides: %d", p.status)
	}

	a := e.client()
	a.login("agency.xifeng")
	p = a.get("/agency/inbox")
	if p.status != http.StatusOK || !strings.Contains(p.body, reportPath) || !strings.Contains(p.body, "待办理") {
		t.Fatalf("inbox: %d %s", p.status, excerpt(p.body))
	}
	p = a.get(reportPath)
	for _, want := range []string{"办理决定", "提出异议", "异议期至", dep.Name, "下载PDF"} {
		if !strings.Contains(p.body, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	p = a.get(reportPath + "/pdf")
	if p.status != http.StatusOK || p.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(p.body, "%PDF-") {
		t.Fatalf("pdf: %d %s", p.status, p.header.Get("Content-Type"))
	}
	if p = a.get(reportPath + "/html"); p.status != http.StatusOK || !strings.Contains(p.body, "核对") {
		t.Errorf("html: %d", p.status)
	}
	a.get(reportPath)
	if p := a.post(reportPath+"/decision", url.Values{"csrf": {"x"}, "decision": {"approve"}}); p.status != http.StatusForbidden {
		t.Errorf("decision with a bad csrf = %d", p.status)
	}
	p = a.post(reportPath+"/decision", url.Values{"decision": {"approve"}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("decide: %d %s", p.status, excerpt(p.body))
	}
	if p = a.get(p.header.Get("Location")); strings.Contains(p.body, `id="agency-decide"`) || !strings.Contains(p.body, "办理决定已记录") {
		t.Errorf("decided report still offers the form")
	}
	// The verifier may not use the agency's forms.
	if p := v.post(reportPath+"/decision", url.Values{"decision": {"approve"}}); p.status != http.StatusForbidden {
		t.Errorf("verifier on the agency's form: %d", p.status)
	}
}

// TestAgencyObjectionWindow: within the window the agency objects naming
// a department; after it the page says the window has closed and a post
// gets the store's refusal.
func TestAgencyObjectionWindow(t *testing.T) {
	e := newReportEnv(t)
	ctx := context.Background()
	reportPaths := make([]string, 2)
	var deps [2]hedui.Department
	for i, name := range []string{"甲", "乙"} {
		app, dep, answer := e.acceptedCase("张" + name)
		deps[i] = dep
		verifier := e.actor("verifier.xifeng")
		v := e.client()
		v.login("verifier.xifeng")
		path := "/applications/" + itoa(app.ID)
		v.get(path)
		v.post(path+"/dispatch", nil)
		answer()
		v.post(path+"/evaluate", nil)
		cs, err := e.store.Conclusions(ctx, verifier, app.ID)
		if err != nil || len(cs) == 0 {
			t.Fatal(err)
		}
		if _, err := e.store.Decide(ctx, verifier, app.ID, hedui.Decision{ConclusionID: cs[len(cs)-1].ID, Action: hedui.DecisionOverride,
			Overall: hedui.OverallClear, Category: hedui.CategoryDibao, Reason: "测试改判理由"}); err != nil {
			t.Fatal(err)
		}
		v.get(path)
		p := v.post(path+"/report", nil)
		m := reportLinkRe.FindStringSubmatch(p.header.Get("Location"))
		if m == nil {
			t.Fatalf("issue: %d %s", p.status, excerpt(p.body))
		}
		reportPaths[i] = "/reports/" + m[1]
	}
	a := e.client()
	a.login("agency.xifeng")
	p := a.get(reportPaths[0])
	if !strings.Contains(p.body, "异议期至") {
		t.Fatalf("no objection form: %s", excerpt(p.body))
	}
	if p = a.post(reportPaths[0]+"/objection", url.Values{"reason": {"家属称存款为代管"}}); p.status != http.StatusUnprocessableEntity ||
		!strings.Contains(p.body, "请至少选择一个需重新核对的部门") {
		t.Errorf("objection without department: %d", p.status)
	}
	p = a.post(reportPaths[0]+"/objection", url.Values{"reason": {"家属称存款为代管"}, "objector": {"family"}, "department": {itoa(deps[0].ID)}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("objection: %d %s", p.status, excerpt(p.body))
	}
	// Past the window.
	e.clock.Advance(10 * 24 * time.Hour)
	a.login("agency.xifeng")
	p = a.get(reportPaths[1])
	if !strings.Contains(p.body, "异议期已于") {
		t.Errorf("closed window not said: %s", excerpt(p.body))
	}
	p = a.post(reportPaths[1]+"/objection", url.Values{"reason": {"逾期异议"}, "department": {itoa(deps[1].ID)}})
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "异议") {
		t.Errorf("late objection: %d %s", p.status, excerpt(p.body))
	}
}

// TestDispatchYearWithoutCalendar: a year whose holidays nobody entered
// is refused in Chinese, never guessed.
func TestDispatchYearWithoutCalendar(t *testing.T) {
	e := newEnvWith(t, envOptions{start: time.Date(2028, 3, 15, 10, 0, 0, 0, hedui.CST)})
	app, _, _ := e.acceptedCase("刘洋")
	v := e.client()
	v.login("verifier.xifeng")
	path := "/applications/" + itoa(app.ID)
	v.get(path)
	p := v.post(path+"/dispatch", nil)
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "2028") || !strings.Contains(p.body, "alert-error") {
		t.Fatalf("dispatch in 2028: %d %s", p.status, excerpt(p.body))
	}
	if !strings.Contains(p.body, "节假日安排尚未录入") {
		t.Errorf("no calendar message: %s", excerpt(p.body))
	}
}
