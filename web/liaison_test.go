package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/demo"
	"hedui/exchange/batchfile"
	"hedui/password"
)

// exchangeSetup is a dispatched case of 西峰区 whose queries went to two
// manual departments, each with its demo liaison.
type exchangeSetup struct {
	police, bank hedui.Query
	idNumber     string
}

// manualDepartment registers a department answered by its liaison by
// hand, under an agreement in force since 2025.
func (e *env) manualDepartment(code, name string, level hedui.Level, division string, items ...hedui.Item) hedui.Department {
	e.t.Helper()
	agreement := hedui.Agreement{Number: "测试协议", SignedOn: hedui.Date{Time: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)},
		ValidFrom: hedui.Date{Time: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}}
	d, err := e.store.CreateDepartment(context.Background(), hedui.SystemActor("测试"), hedui.Department{Code: code, Name: name,
		Level: level, Division: division, Items: items, Channel: hedui.ChannelManual, ReplyDays: hedui.DefaultReplyDays,
		Agreement: agreement, Active: true})
	if err != nil {
		e.t.Fatal(err)
	}
	return d
}

// seedDispatched registers 西峰区's police and bank (manual, named as the
// demo liaisons' organisations), the liaison accounts and a case with a
// letter, accepted and dispatched; the queries are marked sent.
func (e *env) seedDispatched() exchangeSetup {
	e.t.Helper()
	ctx := context.Background()
	e.manualDepartment("621002-police", "西峰区公安局", hedui.LevelCounty, "621002", hedui.ItemHukou, hedui.ItemVehicle)
	e.manualDepartment("621002-bank", "西峰区人民银行支行（代各商业银行）", hedui.LevelCounty, "621002", hedui.ItemBank)
	if err := demo.SeedLiaisons(ctx, e.store, func(pw string) string { return password.Hash(pw, cheapParams) }); err != nil {
		e.t.Fatal(err)
	}
	clerk, verifier := e.actor("clerk.xiaojin"), e.actor("verifier.xifeng")
	app, id := e.newApplication("clerk.xiaojin", "韩梅梅")
	today := hedui.Today(e.clock.Now())
	if _, err := e.store.SetDeclaration(ctx, clerk, app.ID, hedui.Declaration{Assets: []hedui.Asset{{IDNumber: id, Kind: hedui.AssetDeposit, ValueFen: 100}}}); err != nil {
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
	due := func(sent hedui.Date, days int) (hedui.Date, error) {
		return hedui.Date{Time: sent.AddDate(0, 0, days+2)}, nil
	}
	d, err := e.store.Dispatch(ctx, verifier, app.ID, hedui.LevelCounty, due)
	if err != nil || len(d.Queries) != 2 {
		e.t.Fatalf("dispatch: %+v %v", d, err)
	}
	var ids []string
	for _, q := range d.Queries {
		ids = append(ids, q.ID)
	}
	if err := e.store.MarkSent(ctx, ids, e.clock.Now()); err != nil {
		e.t.Fatal(err)
	}
	s := exchangeSetup{idNumber: id}
	for _, q := range d.Queries {
		full, err := e.store.Query(ctx, hedui.SystemActor("测试"), q.ID)
		if err != nil {
			e.t.Fatal(err)
		}
		if strings.Contains(q.Department, "公安") {
			s.police = full
		} else {
			s.bank = full
		}
	}
	return s
}

// answerFile writes an answer file for q: no record for every subject and
// item, with the ID numbers given (the subjects' when ids is nil).
func answerFile(t *testing.T, q hedui.Query, ids map[string]string) []byte {
	t.Helper()
	if ids == nil {
		ids = map[string]string{}
		for _, s := range q.Subjects {
			ids[s.Ref] = s.IDNumber
		}
	}
	var answers []hedui.Answer
	for _, s := range q.Subjects {
		for _, it := range q.Items {
			answers = append(answers, hedui.Answer{QueryID: q.ID, SubjectRef: s.Ref, Item: it, NoRecord: true,
				AsOf: hedui.Date{Time: time.Date(2025, 6, 13, 0, 0, 0, 0, time.UTC)}})
		}
	}
	var buf bytes.Buffer
	if err := batchfile.WriteAnswers(&buf, batchfile.CSV, answers, ids); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLiaisonListAndQuery(t *testing.T) {
	e := newEnv(t)
	s := e.seedDispatched()
	c := e.client()
	c.login("liaison.police")
	p := c.get("/liaison/queries")
	if p.status != http.StatusOK || !strings.Contains(p.body, s.police.ID) || strings.Contains(p.body, s.bank.ID) {
		t.Fatalf("list = %d: %s", p.status, excerpt(p.body))
	}
	p = c.get("/liaison/queries/" + s.police.ID)
	if p.status != http.StatusOK || !strings.Contains(p.body, s.idNumber) || !strings.Contains(p.body, "韩梅梅") {
		t.Fatalf("query = %d: %s", p.status, excerpt(p.body))
	}
	// Another department's query is not found, to read or to answer.
	if p := c.get("/liaison/queries/" + s.bank.ID); p.status != http.StatusNotFound {
		t.Errorf("bank's query for the police = %d", p.status)
	}
	if p := c.post("/liaison/queries/"+s.bank.ID+"/answers", url.Values{"subject": {s.bank.Subjects[0].Ref}, "item": {string(hedui.ItemBank)}, "no_record": {"1"}}); p.status != http.StatusNotFound {
		t.Errorf("answer to bank's query = %d", p.status)
	}
	// A record with an amount in 元 is kept in fen, exactly.
	ref := s.police.Subjects[0].Ref
	p = c.post("/liaison/queries/"+s.police.ID+"/answers", url.Values{"subject": {ref}, "item": {string(hedui.ItemVehicle)},
		"rec_kind": {"car"}, "rec_amount": {"85,000.10"}, "rec_description": {"甘M 12345 小型轿车"}, "as_of": {"2025-06-13"}})
	if p.status != http.StatusOK || !strings.Contains(p.body, "反馈已记录") {
		t.Fatalf("answer = %d: %s", p.status, excerpt(p.body))
	}
	answers, err := e.store.Answers(context.Background(), e.actor("verifier.xifeng"), s.police.ApplicationID)
	if err != nil || len(answers) != 1 || answers[0].Records[0].AmountFen != 8500010 {
		t.Fatalf("answers: %+v %v", answers, err)
	}
	// A bad amount is refused with the form shown again.
	p = c.post("/liaison/queries/"+s.police.ID+"/answers", url.Values{"subject": {ref}, "item": {string(hedui.ItemHukou)}, "rec_kind": {"resident"}, "rec_amount": {"1.234"}})
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "最多两位小数") {
		t.Errorf("bad amount = %d: %s", p.status, excerpt(p.body))
	}
	// Without the CSRF token nothing is recorded.
	if p := c.post("/liaison/queries/"+s.police.ID+"/answers", url.Values{"csrf": {""}, "subject": {ref}, "item": {string(hedui.ItemHukou)}, "no_record": {"1"}}); p.status != http.StatusForbidden {
		t.Errorf("no csrf = %d", p.status)
	}
	// Other roles may not open the liaison's pages.
	v := e.client()
	v.login("verifier.xifeng")
	if p := v.get("/liaison/queries/" + s.police.ID); p.status != http.StatusForbidden {
		t.Errorf("verifier = %d", p.status)
	}
	// The request file is an XLSX (a zip).
	p = c.get("/liaison/request-file")
	if p.status != http.StatusOK || !strings.HasPrefix(p.body, "PK") || !strings.Contains(p.header.Get("Content-Disposition"), ".xlsx") {
		t.Errorf("request file = %d %q", p.status, p.header.Get("Content-Disposition"))
	}
}

func TestLiaisonAnswerFile(t *testing.T) {
	e := newEnv(t)
	s := e.seedDispatched()
	c := e.client()
	c.login("liaison.bank")
	// A wrong ID number is refused by line; nothing is recorded.
	wrong := map[string]string{s.bank.Subjects[0].Ref: e.newIDNumber("621002")}
	p := c.upload("/liaison/answer-file", nil, "file", "answers.csv", answerFile(t, s.bank, wrong))
	if p.status != http.StatusOK || !strings.Contains(p.body, "第2行") || !strings.Contains(p.body, "身份证号码与核对请求不一致") {
		t.Fatalf("wrong id = %d: %s", p.status, excerpt(p.body))
	}
	p = c.upload("/liaison/answer-file", nil, "file", "answers.csv", answerFile(t, s.bank, nil))
	if !strings.Contains(p.body, `id="upload-recorded">1<`) {
		t.Fatalf("good file: %s", excerpt(p.body))
	}
	p = c.upload("/liaison/answer-file", nil, "file", "answers.csv", answerFile(t, s.bank, nil))
	if !strings.Contains(p.body, `id="upload-duplicates">1<`) {
		t.Fatalf("again: %s", excerpt(p.body))
	}
	// The police's query in the bank's file is refused.
	p = c.upload("/liaison/answer-file", nil, "file", "police.csv", answerFile(t, s.police, nil))
	if !strings.Contains(p.body, "不是发给本部门的") || !strings.Contains(p.body, `id="upload-recorded">0<`) {
		t.Fatalf("police's file: %s", excerpt(p.body))
	}
}

func TestAdminPolicyVersion(t *testing.T) {
	e := newEnv(t)
	e.seedPolicies()
	base := e.xifengRural()[0]
	c := e.client()
	c.login("admin")
	if p := c.get("/admin/policies"); p.status != http.StatusOK || !strings.Contains(p.body, "/admin/policies/new?base="+itoa(base.ID)) {
		t.Fatalf("list = %d: %s", p.status, excerpt(p.body))
	}
	p := c.get("/admin/policies/new?base=" + itoa(base.ID))
	if p.status != http.StatusOK {
		t.Fatalf("new = %d", p.status)
	}
	form := policyValues(base, "name", "测试标准", "standard", "812.34", "rules", "my_rule | 测试规则 | visit | 1 +\n")
	p = c.post("/admin/policies", form)
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "my_rule") {
		t.Fatalf("broken rule = %d: %s", p.status, excerpt(p.body))
	}
	form.Set("rules", "")
	p = c.post("/admin/policies", form)
	if p.status != http.StatusSeeOther {
		t.Fatalf("save = %d: %s", p.status, excerpt(p.body))
	}
	ps := e.xifengRural()
	if ps[0].Version != base.Version+1 || ps[0].StandardMonthlyFen != 81234 || ps[0].ToleranceBP != 500 {
		t.Errorf("new version: %+v", ps[0])
	}
	// Other roles cannot.
	a := e.client()
	a.login("auditor")
	if p := a.post("/admin/policies", form); p.status != http.StatusForbidden {
		t.Errorf("auditor creates a policy: %d", p.status)
	}
}

func TestAuditorLog(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login("auditor")
	p := c.get("/audit?username=auditor")
	if p.status != http.StatusOK || !strings.Contains(p.body, "login") {
		t.Fatalf("log = %d: %s", p.status, excerpt(p.body))
	}
	if p := c.get("/audit?case_id=abc"); p.status != http.StatusUnprocessableEntity {
		t.Errorf("bad case id = %d", p.status)
	}
	p = c.post("/audit/verify", nil)
	if p.status != http.StatusOK || !strings.Contains(p.body, "日志链完整") {
		t.Fatalf("verify = %d: %s", p.status, excerpt(p.body))
	}
	if p := c.post("/audit/verify", url.Values{"csrf": {"x"}}); p.status != http.StatusForbidden {
		t.Errorf("verify without csrf = %d", p.status)
	}
	// The auditor may POST nothing else but logging out.
	for _, path := range []string{"/admin/policies", "/liaison/answer-file", "/applications", "/liaison/queries/x/answers"} {
		if p := c.post(path, nil); p.status != http.StatusForbidden {
			t.Errorf("auditor POST %s = %d", path, p.status)
		}
	}
	// Others may not read the log.
	v := e.client()
	v.login("verifier.xifeng")
	if p := v.get("/audit"); p.status != http.StatusForbidden {
		t.Errorf("verifier reads the log: %d", p.status)
	}
}

func TestAdminHolidaysAndDryRun(t *testing.T) {
	// Now: the example policies take effect on a date near the real today.
	e := newEnvWith(t, envOptions{start: time.Now()})
	ctx := context.Background()
	if err := demo.SeedPolicies(ctx, e.store); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.login("admin")
	if p := c.get("/admin/holidays?year=2025"); p.status != http.StatusOK || !strings.Contains(p.body, "春节") {
		t.Fatalf("2025 = %d: %s", p.status, excerpt(p.body))
	}
	if p := c.get("/admin/holidays?year=2031"); !strings.Contains(p.body, "还没有2031年") {
		t.Errorf("2031: %s", excerpt(p.body))
	}
	p := c.post("/admin/holidays", url.Values{"year": {"2031"}, "lines": {"2031-01-01 放 元旦"}})
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "第1行应为") {
		t.Errorf("bad line = %d: %s", p.status, excerpt(p.body))
	}
	p = c.post("/admin/holidays", url.Values{"year": {"2031"}, "lines": {"2032-01-01 休 元旦"}})
	if p.status != http.StatusUnprocessableEntity {
		t.Errorf("other year = %d: %s", p.status, excerpt(p.body))
	}
	p = c.post("/admin/holidays", url.Values{"year": {"2031"}, "lines": {"2031-01-01 休 元旦\n"}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("save = %d: %s", p.status, excerpt(p.body))
	}
	if p := c.get("/admin/holidays?year=2031"); !strings.Contains(p.body, "2031-01-01") || !strings.Contains(p.body, "管理员录入") {
		t.Errorf("2031 after: %s", excerpt(p.body))
	}
	// A dry run of a draft shows its result and stores nothing.
	ps, _ := e.store.Policies(ctx, hedui.SystemActor("测试"), "621002", hedui.HukouRural)
	form := policyValues(ps[0], "name", "试算", "standard", "900", "action", "dryrun")
	p = c.post("/admin/policies", form)
	if p.status != http.StatusOK || !strings.Contains(p.body, "试算结果") {
		t.Fatalf("dry run = %d: %s", p.status, excerpt(p.body))
	}
	if after, _ := e.store.Policies(ctx, hedui.SystemActor("测试"), "621002", hedui.HukouRural); len(after) != len(ps) {
		t.Error("the dry run stored a version")
	}
}

func TestParseAmounts(t *testing.T) {
	for in, want := range map[string]hedui.Fen{"0": 0, "1": 100, "1.5": 150, "1.05": 105, "1,234.56": 123456, "0.01": 1} {
		if got, ok := parseYuan(in); !ok || got != want {
			t.Errorf("parseYuan(%q) = %d %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "-1", "1.234", "1e3", "abc", ".5"} {
		if _, ok := parseYuan(in); ok {
			t.Errorf("parseYuan(%q) accepted", in)
		}
	}
	for in, want := range map[string]int{"1.5": 15000, "2": 20000, "0.05": 500, "1.3333": 13333} {
		if got, ok := parseMultiple(in); !ok || got != want || formatBP(got) != strings.TrimSuffix(in, ".0") {
			t.Errorf("parseMultiple(%q) = %d %v (%s)", in, got, ok, formatBP(got))
		}
	}
}
