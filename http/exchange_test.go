package http

import (
	"bytes"
	"fmt"
	"mime"
	"mime/multipart"
	"slices"
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/exchange/batchfile"
	"hedui/idcard"
)

// TestExchangeFlow walks one case from dispatch to the last answer as the
// centre and three departments do: the administrator registers a
// department and its liaison, the verifier dispatches, the outbox makes
// the queries visible, and the liaisons answer by form, by CSV (with a
// bad row) and by XLSX.
func TestExchangeFlow(t *testing.T) {
	e := newEnv(t)
	admin, verifier, clerk := e.as("admin"), e.as("verifier.xifeng"), e.as("clerk.xiaojin")
	police, bank := e.as("liaison.police"), e.as("liaison.bank")

	// The administrator registers 西峰区税务局 (its organisation is made
	// from its name) and an account for its liaison.
	var tax departmentView
	e.must(201, admin, "POST", "/api/v1/departments", map[string]any{
		"code": "621002-tax", "name": "西峰区税务局", "level": "county", "division_code": "621002",
		"items": []string{"tax"}, "channel": "manual",
		"agreement": map[string]any{"number": "西峰信共字2025-07", "signed_on": "2024-12-30", "valid_from": "2025-01-01"},
	}, &tax)
	if tax.OrgID == 0 || !tax.AgreementActive || tax.ReplyDays != 7 || !tax.Active || tax.ChannelLabel != "联络员手工反馈" ||
		!slices.Equal(tax.ItemLabels, []string{"纳税信息"}) {
		t.Fatalf("created department %+v", tax)
	}
	if r := e.call(admin, "POST", "/api/v1/departments", map[string]any{"code": "621002-tax", "name": "西峰区税务局二",
		"level": "county", "division_code": "621002", "items": []string{"tax"}, "channel": "manual"}); r.status != 409 {
		t.Errorf("second department with the code: %v, want 409", r)
	}
	e.must(201, admin, "POST", "/api/v1/users", map[string]any{"username": "liaison.tax", "display_name": "税务联络员",
		"role": "liaison", "org_id": tax.OrgID, "password": "tax-liaison-1"}, nil)
	var lt loginResponse
	e.must(200, "", "POST", "/api/v1/login", loginRequest{Username: "liaison.tax", Password: "tax-liaison-1"}, &lt)
	taxTok := lt.Token
	var depts struct{ Items []departmentView }
	e.must(200, taxTok, "GET", "/api/v1/departments", nil, &depts)
	if len(depts.Items) != 1 || depts.Items[0].Code != "621002-tax" {
		t.Errorf("the tax liaison sees departments %+v, want only his own", depts.Items)
	}
	e.must(200, verifier, "GET", "/api/v1/departments", nil, &depts)
	if len(depts.Items) != len(testDepts)+1 {
		t.Errorf("the verifier sees %d departments, want %d", len(depts.Items), len(testDepts)+1)
	}

	// Registration, review, dispatch.
	c := e.caseAt(xiaojin, "accepted")
	if r := e.call(clerk, "POST", c.path("/dispatch"), nil); r.status != 403 {
		t.Errorf("clerk dispatches: %v, want 403", r)
	}
	var d dispatchResponse
	e.must(201, verifier, "POST", c.path("/dispatch"), map[string]string{"level": "county"}, &d)
	if !d.Created || len(d.Queries) != 3 || len(d.Excluded) != 0 || len(d.SkippedDepartments) != 0 {
		t.Fatalf("dispatch = %+v", d)
	}
	c.queries = map[string]string{}
	for _, q := range d.Queries {
		// 7 working days from Monday 2025-06-16.
		if q.DueOn.String() != "2025-06-25" || q.Status != hedui.QueryPending || q.SubjectCount != 2 || q.SentAt != nil ||
			q.ApplicationID != c.id || len(q.Subjects) != 0 {
			t.Errorf("query %+v", q)
		}
		for _, code := range []string{"621002-police", "621002-bank", "621002-tax"} {
			if e.dept(code).ID == q.DepartmentID {
				c.queries[code] = q.ID
			}
		}
	}
	var again dispatchResponse
	e.must(200, verifier, "POST", c.path("/dispatch"), nil, &again)
	if again.Created || len(again.Queries) != 3 || again.Queries[0].ID != d.Queries[0].ID {
		t.Errorf("second dispatch = %+v", again)
	}
	var a appView
	e.must(200, verifier, "GET", c.path(""), nil, &a)
	if a.Status != hedui.StatusVerifying {
		t.Errorf("after dispatch the case is %s", a.Status)
	}

	// A query is the liaison's once the outbox has delivered it.
	var page hedui.Page[queryView]
	e.must(200, police, "GET", "/api/v1/exchange/queries", nil, &page)
	if page.Total != 0 {
		t.Errorf("liaison sees %d queries before sending", page.Total)
	}
	if st := e.sendOutbox(); st.Sent != 3 {
		t.Fatalf("outbox sent %+v", st)
	}
	e.must(200, police, "GET", "/api/v1/exchange/queries", nil, &page)
	if page.Total != 1 || page.Items[0].ID != c.queries["621002-police"] || page.Items[0].Status != hedui.QuerySent ||
		page.Items[0].ApplicationID != 0 || page.Items[0].SentAt == nil || len(page.Items[0].Subjects) != 0 {
		t.Fatalf("liaison's queries = %+v", page)
	}
	pq := e.queryOf(c, "621002-police")
	var detail queryView
	e.must(200, police, "GET", "/api/v1/exchange/queries/"+pq.ID, nil, &detail)
	if len(detail.Subjects) != 2 || !slices.Contains(c.idNumbers, detail.Subjects[0].IDNumber) || detail.ApplicationID != 0 {
		t.Errorf("query detail = %+v", detail)
	}
	if r := e.call(bank, "GET", "/api/v1/exchange/queries/"+pq.ID, nil); r.status != 404 {
		t.Errorf("bank liaison reads the police query: %v, want 404", r)
	}
	if r := e.call(police, "GET", c.path(""), nil); r.status != 403 {
		t.Errorf("liaison reads the case: %v, want 403", r)
	}

	// The request file.
	rf := e.must(200, police, "GET", "/api/v1/exchange/request-file?format=csv", nil, nil)
	_, params, _ := mime.ParseMediaType(rf.header.Get("Content-Disposition"))
	if !strings.HasPrefix(rf.header.Get("Content-Disposition"), "attachment") || !strings.HasSuffix(params["filename"], ".csv") ||
		!strings.Contains(params["filename"], "621002-police") || rf.header.Get("X-Hedui-Query-Count") != "1" {
		t.Errorf("request file headers %v", rf.header)
	}
	if !bytes.Contains(rf.body, []byte(pq.ID)) || !bytes.Contains(rf.body, []byte(pq.Subjects[1].IDNumber)) {
		t.Errorf("request file lacks the query: %.200s", rf.body)
	}
	rx := e.must(200, police, "GET", "/api/v1/exchange/request-file?format=xlsx", nil, nil)
	if !strings.HasPrefix(rx.header.Get("Content-Type"), "application/vnd.openxmlformats") || !bytes.HasPrefix(rx.body, []byte("PK")) {
		t.Errorf("xlsx request file: %q, %d bytes", rx.header.Get("Content-Type"), len(rx.body))
	}

	// The police liaison answers the head's 户籍 by form ...
	s1, s2 := pq.Subjects[0], pq.Subjects[1]
	var ing ingestResponse
	form := map[string]any{"answers": []any{map[string]any{"subject_ref": s1.Ref, "item": "hukou", "as_of": "2025-06-16",
		"records": []any{map[string]any{"kind": "户籍", "description": "户籍状态正常", "fields": map[string]string{"户籍地址": "西峰区肖金镇"}}}}}}
	e.must(200, police, "POST", "/api/v1/exchange/queries/"+pq.ID+"/answers", form, &ing)
	if ing.Recorded != 1 || ing.Duplicates != 0 || len(ing.Problems) != 0 {
		t.Errorf("form answer = %+v", ing)
	}
	e.must(200, police, "POST", "/api/v1/exchange/queries/"+pq.ID+"/answers", form, &ing)
	if ing.Recorded != 0 || ing.Duplicates != 1 {
		t.Errorf("the same form again = %+v", ing)
	}

	// ... and the rest by CSV, with a row whose amount is wrong.
	asOf, _ := hedui.ParseDate("2025-06-16")
	good := []hedui.Answer{
		{QueryID: pq.ID, SubjectRef: s1.Ref, Item: hedui.ItemVehicle, AsOf: asOf, Records: []hedui.Record{
			{Kind: "小型轿车", Quantity: 1, PeriodFrom: hedui.Date{Time: time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC)}, Description: "甘M12345"}}},
		noRecord(pq, s2.Ref, hedui.ItemHukou, "2025-06-16"),
		noRecord(pq, s2.Ref, hedui.ItemVehicle, "2025-06-16"),
	}
	csv := e.answerCSV(pq, good)
	badLine := bytes.Count(csv, []byte("\n")) + 1
	csv = append(csv, []byte(pq.ID+","+pq.ID+"-9,"+s1.IDNumber+",vehicle,机动车辆,否,货车,十万,1,,,,,2025-06-16\r\n")...)
	var up answerFileResponse
	e.must(200, police, "POST", "/api/v1/exchange/answer-files?filename=公安反馈.csv", csv, &up, "Content-Type", "text/csv")
	if up.Recorded != 3 || up.Duplicates != 0 || up.Answers != 3 || up.File.Rows != 4 || up.File.Format != "csv" || up.File.Name != "公安反馈.csv" {
		t.Errorf("upload = %+v", up)
	}
	if len(up.Problems) != 1 || up.Problems[0].Line != badLine || up.Problems[0].Column != "金额(元)" ||
		!strings.HasPrefix(up.Problems[0].Message, fmt.Sprintf("第%d行：", badLine)) {
		t.Errorf("problems = %+v, want one on line %d", up.Problems, badLine)
	}

	// The bank answers by XLSX, as a multipart form.
	bq := e.queryOf(c, "621002-bank")
	ids := map[string]string{}
	for _, s := range bq.Subjects {
		ids[s.Ref] = s.IDNumber
	}
	var xl bytes.Buffer
	err := batchfile.WriteAnswers(&xl, batchfile.XLSX, []hedui.Answer{
		{QueryID: bq.ID, SubjectRef: bq.Subjects[0].Ref, Item: hedui.ItemBank, AsOf: asOf, Records: []hedui.Record{
			{Kind: "活期存款", AmountFen: 1234567, Fields: map[string]string{"开户行": "甘肃银行西峰支行"}}}},
		noRecord(bq, bq.Subjects[1].Ref, hedui.ItemBank, "2025-06-16"),
	}, ids)
	if err != nil {
		t.Fatal(err)
	}
	body, ctype := multipartFile(t, "银行反馈.xlsx", xl.Bytes())
	e.must(200, bank, "POST", "/api/v1/exchange/answer-files", body, &up, "Content-Type", ctype)
	if up.Recorded != 2 || len(up.Problems) != 0 || up.File.Format != "xlsx" || up.File.Name != "银行反馈.xlsx" {
		t.Errorf("xlsx upload = %+v", up)
	}

	// Tax answers last; the case is complete.
	tq := e.queryOf(c, "621002-tax")
	var answers []any
	for _, s := range tq.Subjects {
		answers = append(answers, map[string]any{"subject_ref": s.Ref, "item": "tax", "no_record": true})
	}
	e.must(200, taxTok, "POST", "/api/v1/exchange/queries/"+tq.ID+"/answers", map[string]any{"answers": answers}, &ing)
	if ing.Recorded != 2 {
		t.Errorf("tax answers = %+v", ing)
	}
	e.must(200, verifier, "GET", c.path(""), nil, &a)
	if a.Status != hedui.StatusVerified {
		t.Errorf("after every answer the case is %s, want verified", a.Status)
	}

	// What the verifier and the clerk see.
	var aq applicationQueries
	e.must(200, verifier, "GET", c.path("/queries"), nil, &aq)
	if aq.Summary != (querySummary{Total: 3, Answered: 3}) {
		t.Errorf("summary = %+v", aq.Summary)
	}
	for _, q := range aq.Items {
		if q.Status != hedui.QueryAnswered || q.AnsweredAt == nil || len(q.Progress) != len(q.Items) {
			t.Errorf("query %s: %+v", q.Department, q)
		}
		for _, p := range q.Progress {
			if p.Answered != 2 || p.Pending != 0 {
				t.Errorf("query %s item %s progress %+v", q.Department, p.Item, p)
			}
		}
	}
	e.must(200, clerk, "GET", c.path("/queries"), nil, &aq)
	var al struct {
		Total int          `json:"total"`
		Items []answerView `json:"items"`
	}
	e.must(200, verifier, "GET", c.path("/answers"), nil, &al)
	if al.Total != 8 || len(al.Items) != 8 {
		t.Fatalf("answers: %d", al.Total)
	}
	deposit := false
	for _, x := range al.Items {
		if x.ReceivedAt.IsZero() || x.AsOf.String() != "2025-06-16" || x.DepartmentName == "" || x.ItemLabel == "" {
			t.Errorf("answer %+v", x)
		}
		if x.Item == hedui.ItemBank && !x.NoRecord {
			deposit = len(x.Records) == 1 && x.Records[0].AmountFen == 1234567 && x.Records[0].Fields["开户行"] == "甘肃银行西峰支行"
		}
	}
	if !deposit {
		t.Error("the bank's deposit record is missing from the answers")
	}

	// The same file again records nothing.
	e.must(200, police, "POST", "/api/v1/exchange/answer-files?filename=公安反馈.csv", csv, &up, "Content-Type", "text/csv")
	if up.Recorded != 0 || up.Duplicates != 3 || len(up.Problems) != 1 {
		t.Errorf("re-upload = %+v", up)
	}
	e.must(200, verifier, "GET", c.path("/answers"), nil, &al)
	if al.Total != 8 {
		t.Errorf("answers after re-upload: %d", al.Total)
	}
	e.must(200, police, "GET", "/api/v1/exchange/queries?status=answered", nil, &page)
	if page.Total != 1 {
		t.Errorf("liaison's answered queries: %d", page.Total)
	}
	rf = e.must(200, police, "GET", "/api/v1/exchange/request-file", nil, nil)
	if rf.header.Get("X-Hedui-Query-Count") != "0" {
		t.Errorf("request file after answering lists %s queries", rf.header.Get("X-Hedui-Query-Count"))
	}

	// Every department of 西峰区 has shared this quarter.
	var ratios shareRatioResponse
	e.must(200, admin, "GET", "/api/v1/exchange/share-ratios", nil, &ratios)
	if ratios.From.String() != "2025-04-01" || ratios.To.String() != "2025-06-30" {
		t.Errorf("default period %s..%s", ratios.From, ratios.To)
	}
	found := false
	for _, x := range ratios.Items {
		if x.Region == "621002" {
			found = true
			if x.Units != 3 || x.Sharing != 3 || !x.MeetsTarget {
				t.Errorf("西峰区 share ratio %+v", x)
			}
		}
	}
	if !found {
		t.Errorf("no row for 西峰区 in %+v", ratios.Items)
	}

	logs := e.logs.String()
	for _, id := range c.idNumbers {
		if strings.Contains(logs, id) {
			t.Errorf("log holds the full ID number %s", idcard.Mask(id))
		}
	}

	var audit hedui.Page[hedui.AuditEntry]
	e.must(200, e.as("auditor"), "GET", fmt.Sprintf("/api/v1/audit?case_id=%d&limit=200", c.id), nil, &audit)
	seen := map[string]bool{}
	for _, x := range audit.Items {
		seen[x.Action] = true
	}
	for _, want := range []string{hedui.AuditDispatch, hedui.AuditQueryView, hedui.AuditQueriesView, hedui.AuditAnswersView} {
		if !seen[want] {
			t.Errorf("audit log lacks %s for the case; has %v", want, seen)
		}
	}
}

// multipartFile is a form with one file field named "file".
func multipartFile(t *testing.T, name string, data []byte) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.WriteField("note", "第一批"); err != nil {
		t.Fatal(err)
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), mw.FormDataContentType()
}

// TestAnswerFileChecks covers what the centre checks beyond the file's
// own rows: whose query it is, whose ID number, and whether the file is a
// table at all.
func TestAnswerFileChecks(t *testing.T) {
	e := newEnv(t)
	police, bank := e.as("liaison.police"), e.as("liaison.bank")
	c := e.caseAt(xiaojin, "dispatched")
	pq := e.queryOf(c, "621002-police")
	other := e.caseAt(huancheng, "dispatched")
	hq := e.queryOf(other, "621022-police")
	upload := func(tok string, data []byte) answerFileResponse {
		t.Helper()
		var out answerFileResponse
		e.must(200, tok, "POST", "/api/v1/exchange/answer-files", data, &out, "Content-Type", "text/csv")
		return out
	}

	// Another person's ID number under a subject's ref.
	wrong := e.newIDNumber(xiaojin.county)
	var buf bytes.Buffer
	if err := batchfile.WriteAnswers(&buf, batchfile.CSV, []hedui.Answer{noRecord(pq, pq.Subjects[0].Ref, hedui.ItemHukou, "2025-06-16")},
		map[string]string{pq.Subjects[0].Ref: wrong}); err != nil {
		t.Fatal(err)
	}
	out := upload(police, buf.Bytes())
	if out.Recorded != 0 || out.Rejected != 1 || len(out.Problems) != 1 || out.Problems[0].Code != "id_number_mismatch" || out.Problems[0].Line != 2 {
		t.Errorf("wrong person: %+v", out)
	}
	if strings.Contains(out.Problems[0].Message, wrong) || strings.Contains(out.Problems[0].Message, pq.Subjects[0].IDNumber) {
		t.Errorf("problem message holds a full ID number: %s", out.Problems[0].Message)
	}

	// Another department's query, another county's query.
	for _, tok := range []string{bank} {
		out = upload(tok, e.answerCSV(pq, []hedui.Answer{noRecord(pq, pq.Subjects[0].Ref, hedui.ItemHukou, "2025-06-16")}))
		if out.Recorded != 0 || len(out.Problems) != 1 || out.Problems[0].Code != "unknown_query" {
			t.Errorf("bank answers the police query: %+v", out)
		}
	}
	out = upload(police, e.answerCSV(hq, []hedui.Answer{noRecord(hq, hq.Subjects[0].Ref, hedui.ItemHukou, "2025-06-16")}))
	if out.Recorded != 0 || len(out.Problems) != 1 || out.Problems[0].Code != "unknown_query" {
		t.Errorf("西峰 police answers 环县's query: %+v", out)
	}

	// Files that are not answer files at all.
	for name, data := range map[string][]byte{
		"no columns":  []byte("姓名,金额\r\n张三,100\r\n"),
		"old excel":   append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...),
		"broken xlsx": append([]byte("PK\x03\x04"), make([]byte, 100)...),
	} {
		r := e.call(police, "POST", "/api/v1/exchange/answer-files", data, "Content-Type", "application/octet-stream")
		if r.status != 422 || r.errorDetail().Message == "" {
			t.Errorf("%s: %v, want 422", name, r)
		}
	}
	huge := append(e.answerCSV(pq, []hedui.Answer{noRecord(pq, pq.Subjects[0].Ref, hedui.ItemHukou, "2025-06-16")}), bytes.Repeat([]byte("\r\n"), 5<<20)...)
	if r := e.call(police, "POST", "/api/v1/exchange/answer-files", huge, "Content-Type", "text/csv"); r.status != 413 || !strings.Contains(r.errorDetail().Message, "10MB") {
		t.Errorf("file over the limit: %v", r)
	}
	body, ctype := multipartFile(t, "big.csv", huge)
	if r := e.call(police, "POST", "/api/v1/exchange/answer-files", body, "Content-Type", ctype); r.status != 413 {
		t.Errorf("multipart file over the limit: %v", r)
	}
	if r := e.call(police, "POST", "/api/v1/exchange/answer-files", []byte{}, "Content-Type", "text/csv"); r.status != 422 || r.errorCode() != "empty_file" {
		t.Errorf("empty upload: %v", r)
	}
	body, ctype = multipartFile(t, "x.csv", nil)
	body = bytes.Replace(body, []byte(`name="file"; filename="x.csv"`), []byte(`name="other"`), 1)
	if r := e.call(police, "POST", "/api/v1/exchange/answer-files", body, "Content-Type", ctype); r.status != 422 || r.errorCode() != "missing_file" {
		t.Errorf("form without a file: %v", r)
	}

	// Form answers are checked against the query before the store sees them.
	path := "/api/v1/exchange/queries/" + pq.ID + "/answers"
	for _, tt := range []struct {
		answer map[string]any
		code   string
		field  string
	}{
		{map[string]any{"subject_ref": pq.Subjects[0].Ref, "item": "bank", "no_record": true}, "item_not_queried", "answers[0].item"},
		{map[string]any{"subject_ref": "nobody", "item": "hukou", "no_record": true}, "unknown_subject", "answers[0].subject_ref"},
		{map[string]any{"subject_ref": pq.Subjects[0].Ref, "item": "hukou"}, "no_content", "answers[0].records"},
		{map[string]any{"subject_ref": pq.Subjects[0].Ref, "item": "hukou", "no_record": true, "as_of": "2025-07-01"}, "as_of_in_future", "answers[0].as_of"},
		{map[string]any{"subject_ref": pq.Subjects[0].Ref, "item": "hukou", "records": []any{map[string]any{}}}, "empty_record", "answers[0].records[0]"},
	} {
		r := e.call(police, "POST", path, map[string]any{"answers": []any{tt.answer}})
		if d := r.errorDetail(); r.status != 422 || d.Code != tt.code || d.Field != tt.field {
			t.Errorf("%v: %v, want 422 %s at %s", tt.answer, r, tt.code, tt.field)
		}
	}
	var aq applicationQueries
	e.must(200, e.as("verifier.xifeng"), "GET", c.path("/queries"), nil, &aq)
	for _, q := range aq.Items {
		for _, p := range q.Progress {
			if p.Answered != 0 {
				t.Errorf("refused answers were recorded: %+v", p)
			}
		}
	}
}

// TestLiaisonWithoutDepartment: an account of an organisation that no
// department belongs to can do nothing in the portal and is told why.
func TestLiaisonWithoutDepartment(t *testing.T) {
	e := newEnv(t)
	org, err := e.store.EnsureOrganisation(t.Context(), hedui.Organisation{Name: "西峰区某局（未登记部门）", Kind: hedui.OrgDepartment, Division: "621002"})
	if err != nil {
		t.Fatal(err)
	}
	e.must(201, e.as("admin"), "POST", "/api/v1/users", map[string]any{"username": "liaison.none", "display_name": "无部门联络员",
		"role": "liaison", "org_id": org.ID, "password": "none-liaison-1"}, nil)
	var lr loginResponse
	e.must(200, "", "POST", "/api/v1/login", loginRequest{Username: "liaison.none", Password: "none-liaison-1"}, &lr)
	for _, path := range []string{"/api/v1/exchange/queries", "/api/v1/exchange/request-file", "/api/v1/exchange/overdue"} {
		r := e.call(lr.Token, "GET", path, nil)
		if r.status != 403 || r.errorCode() != "no_department" || !strings.Contains(r.errorDetail().Message, "您的账户未关联部门") {
			t.Errorf("GET %s: %v", path, r)
		}
	}
	var me meResponse
	e.must(200, lr.Token, "GET", "/api/v1/me", nil, &me)
	if !me.Can.AnswerQueries || me.Can.ReadCases || me.Can.ManageDepartments {
		t.Errorf("liaison capabilities %+v", me.Can)
	}
}

// TestDeadlines: past the due date the queries are overdue for the
// verifier and each liaison; reminding twice on one day reminds once.
func TestDeadlines(t *testing.T) {
	e := newEnv(t)
	c := e.caseAt(xiaojin, "dispatched")
	e.caseAt(huancheng, "dispatched")
	e.travel(time.Date(2025, 6, 27, 9, 0, 0, 0, hedui.CST)) // due on Wednesday the 25th
	verifier, police := e.as("verifier.xifeng"), e.as("liaison.police")

	var od overdueResponse
	e.must(200, police, "GET", "/api/v1/exchange/overdue", nil, &od)
	if od.Total != 1 || od.Items[0].ID != c.queries["621002-police"] || od.Items[0].OverdueWorkdays != 2 || !od.Items[0].Overdue ||
		len(od.Departments) != 1 || od.Departments[0].Count != 1 || od.Day.String() != "2025-06-27" {
		t.Errorf("liaison's overdue = %+v", od)
	}
	e.must(200, verifier, "GET", "/api/v1/exchange/overdue", nil, &od)
	if od.Total != 2 || len(od.Departments) != 2 {
		t.Errorf("verifier's overdue = %+v", od)
	}
	e.must(200, e.as("verifier.city"), "GET", "/api/v1/exchange/overdue", nil, &od)
	if od.Total != 3 {
		t.Errorf("city verifier's overdue = %d, want 3", od.Total)
	}
	var page hedui.Page[queryView]
	e.must(200, police, "GET", "/api/v1/exchange/queries?overdue=true", nil, &page)
	if page.Total != 1 {
		t.Errorf("liaison's overdue list: %d", page.Total)
	}

	var rem remindResponse
	e.must(200, verifier, "POST", "/api/v1/exchange/reminders", nil, &rem)
	if rem.Reminded != 2 {
		t.Errorf("reminded %d, want 2", rem.Reminded)
	}
	e.must(200, verifier, "POST", "/api/v1/exchange/reminders", nil, &rem)
	if rem.Reminded != 0 {
		t.Errorf("reminded again %d, want 0", rem.Reminded)
	}
	e.must(200, police, "GET", "/api/v1/exchange/queries", nil, &page)
	if page.Items[0].RemindedAt == nil {
		t.Error("the liaison does not see the reminder")
	}
	var aq applicationQueries
	e.must(200, verifier, "GET", c.path("/queries"), nil, &aq)
	if aq.Summary != (querySummary{Total: 2, Pending: 2, Overdue: 2}) {
		t.Errorf("summary = %+v", aq.Summary)
	}
}

// TestHolidayCalendar: a year the calendar does not cover stops dispatch
// with a message for the administrator; once he enters it, dispatch works.
func TestHolidayCalendar(t *testing.T) {
	e := newEnv(t)
	var hy holidayYear
	e.must(200, e.as("clerk.xiaojin"), "GET", "/api/v1/holidays/2025", nil, &hy)
	if hy.Source != "official" || !slices.ContainsFunc(hy.Days, func(d hedui.CalendarDay) bool { return d.Name == "春节" && d.Workday }) {
		t.Errorf("2025 = %+v", hy)
	}
	if r := e.call(e.as("admin"), "GET", "/api/v1/holidays/2031", nil); r.status != 404 || !strings.Contains(r.errorDetail().Message, "节假日") {
		t.Errorf("2031: %v", r)
	}

	e.travel(time.Date(2028, 3, 6, 10, 0, 0, 0, hedui.CST))
	c := e.caseAt(xiaojin, "accepted")
	verifier, admin := e.as("verifier.xifeng"), e.as("admin")
	r := e.call(verifier, "POST", c.path("/dispatch"), nil)
	if r.status != 422 || r.errorCode() != "no_calendar" || !strings.Contains(r.errorDetail().Message, "节假日") ||
		!strings.Contains(r.errorDetail().Message, "2028") {
		t.Fatalf("dispatch in 2028: %v", r)
	}
	var a appView
	e.must(200, verifier, "GET", c.path(""), nil, &a)
	if a.Status != hedui.StatusAccepted {
		t.Errorf("a refused dispatch moved the case to %s", a.Status)
	}

	day := func(date string, work bool, name string) map[string]any {
		return map[string]any{"date": date, "workday": work, "name": name}
	}
	for _, tt := range []struct {
		days    []map[string]any
		code    string
		message string
	}{
		{[]map[string]any{day("2028-01-03", true, "元旦")}, "invalid_holiday_schedule", "不是周六或周日"},
		{[]map[string]any{day("2027-06-01", false, "端午节")}, "invalid_holiday_schedule", "不在该年度内"},
		{[]map[string]any{}, "invalid_holiday_schedule", "没有任何"},
		{[]map[string]any{day("2028-01-26", false, "")}, "missing_holiday_name", "节日名称"},
	} {
		r := e.call(admin, "PUT", "/api/v1/holidays/2028", map[string]any{"days": tt.days})
		if r.status != 422 || r.errorCode() != tt.code || !strings.Contains(r.errorDetail().Message, tt.message) {
			t.Errorf("%v: %v, want 422 %s ~%s", tt.days, r, tt.code, tt.message)
		}
	}
	notice := []map[string]any{
		day("2028-01-01", false, "元旦"), day("2028-01-26", false, "春节"), day("2028-01-27", false, "春节"),
		day("2028-01-28", false, "春节"), day("2028-01-31", false, "春节"), day("2028-02-01", false, "春节"),
		day("2028-01-22", true, "春节"), day("2028-02-05", true, "春节"),
	}
	e.must(200, admin, "PUT", "/api/v1/holidays/2028", map[string]any{"days": notice}, &hy)
	e.must(200, verifier, "GET", "/api/v1/holidays/2028", nil, &hy)
	if hy.Source != "stored" || len(hy.Days) != len(notice) || hy.Days[0].Date.String() != "2028-01-01" {
		t.Errorf("2028 = %+v", hy)
	}
	var d dispatchResponse
	e.must(201, verifier, "POST", c.path("/dispatch"), nil, &d)
	for _, q := range d.Queries {
		if q.DueOn.String() != "2028-03-15" {
			t.Errorf("due %s, want 2028-03-15", q.DueOn)
		}
	}
}

// TestEscalation: the county marks a case for the city and sends the
// quarter's batch up; the city sees it, other counties do not.
func TestEscalation(t *testing.T) {
	e := newEnv(t)
	verifier := e.as("verifier.xifeng")
	c := e.caseAt(xiaojin, "accepted")
	if r := e.call(verifier, "POST", c.path("/city-flag"), map[string]any{"need": true}); r.status != 422 || r.errorCode() != "missing_reason" {
		t.Errorf("flag without reason: %v", r)
	}
	if r := e.call(verifier, "POST", c.path("/city-flag"), map[string]any{"reason": "x"}); r.status != 422 || r.errorCode() != "missing_need" {
		t.Errorf("flag without need: %v", r)
	}
	if r := e.call(verifier, "POST", "/api/v1/escalations", nil); r.status != 422 || r.errorCode() != "nothing_to_escalate" {
		t.Errorf("escalating nothing: %v", r)
	}
	e.must(204, verifier, "POST", c.path("/city-flag"), map[string]any{"need": true, "reason": "在外县区有车辆登记"}, nil)
	var b escalationResponse
	e.must(200, verifier, "POST", "/api/v1/escalations", nil, &b)
	if b.County != "621002" || b.Quarter != (hedui.Quarter{Year: 2025, Q: 2}) || b.FirstMonth || !slices.Equal(b.CaseIDs, []int64{c.id}) ||
		b.QuarterLabel != "2025年第2季度" || b.CaseCount != 1 {
		t.Errorf("batch = %+v", b)
	}
	if r := e.call(verifier, "POST", c.path("/city-flag"), map[string]any{"need": false}); r.status != 409 {
		t.Errorf("unflag after sending up: %v, want 409", r)
	}
	if r := e.call(verifier, "POST", "/api/v1/escalations", map[string]any{"quarter": 5}); r.status != 422 {
		t.Errorf("quarter 5: %v, want 422", r)
	}
	var list struct {
		Items      []batchView `json:"items"`
		FirstMonth bool        `json:"first_month"`
	}
	for acct, want := range map[string]int{"verifier.xifeng": 1, "verifier.city": 1, "verifier.huanxian": 0} {
		e.must(200, e.as(acct), "GET", "/api/v1/escalations", nil, &list)
		if len(list.Items) != want {
			t.Errorf("%s sees %d batches, want %d", acct, len(list.Items), want)
		}
	}
	e.travel(time.Date(2025, 7, 1, 9, 0, 0, 0, hedui.CST))
	c2 := e.caseAt(xiaojin, "flagged")
	e.must(200, e.as("verifier.xifeng"), "POST", "/api/v1/escalations", map[string]any{"county_code": "621002"}, &b)
	if !b.FirstMonth || b.Quarter != (hedui.Quarter{Year: 2025, Q: 3}) || !slices.Equal(b.CaseIDs, []int64{c2.id}) {
		t.Errorf("first-month batch = %+v", b)
	}
}

// TestExchangeErrors checks the exchange endpoints' answers to malformed
// or refused requests.
func TestExchangeErrors(t *testing.T) {
	e := newEnv(t)
	c := e.caseAt(xiaojin, "accepted")
	verifier, police, admin := e.as("verifier.xifeng"), e.as("liaison.police"), e.as("admin")
	tests := []struct {
		token, method, path string
		body                any
		status              int
		code                string
	}{
		{verifier, "POST", c.path("/dispatch"), map[string]string{"level": "province"}, 422, "invalid_level"},
		{verifier, "POST", c.path("/dispatch"), map[string]string{"levle": "city"}, 400, "unknown_field"},
		{verifier, "POST", c.path("/dispatch"), map[string]string{"level": "city"}, 403, "city_only"},
		{police, "GET", "/api/v1/exchange/request-file?format=pdf", nil, 400, "invalid_query"},
		{police, "GET", "/api/v1/exchange/queries?status=done", nil, 400, "invalid_query"},
		{police, "GET", "/api/v1/exchange/queries?overdue=yes", nil, 400, "invalid_query"},
		{police, "GET", "/api/v1/exchange/queries?department_id=999", nil, 403, "not_your_department"},
		{police, "GET", "/api/v1/exchange/queries/Q%20X", nil, 404, "not_found"},
		{police, "GET", "/api/v1/exchange/queries/QNOSUCHQUERY", nil, 404, ""},
		{police, "POST", "/api/v1/exchange/queries/QNOSUCHQUERY/answers", map[string]any{"answers": []any{}}, 422, "missing_answers"},
		{admin, "GET", "/api/v1/exchange/share-ratios?from=2025-07-01&to=2025-06-01", nil, 400, "invalid_query"},
		{admin, "GET", "/api/v1/exchange/share-ratios?from=yesterday", nil, 400, "invalid_query"},
		{admin, "GET", "/api/v1/holidays/abc", nil, 404, "not_found"},
		{admin, "GET", "/api/v1/departments/999999", nil, 404, ""},
		{admin, "POST", "/api/v1/departments", map[string]any{"code": "Bad Code", "name": "x", "level": "county",
			"division_code": "621002", "items": []string{"tax"}, "channel": "manual"}, 422, "invalid_department_code"},
		{admin, "POST", "/api/v1/departments", map[string]any{"code": "621002-x", "name": "x", "level": "county",
			"division_code": "621002", "items": []string{"tax"}, "channel": "online"}, 422, "invalid_endpoint"},
		{admin, "PUT", "/api/v1/departments/999999", departmentBody(testDepts[0]), 404, ""},
	}
	for _, tt := range tests {
		r := e.call(tt.token, tt.method, tt.path, tt.body)
		if d := r.errorDetail(); r.status != tt.status || (tt.code != "" && d.Code != tt.code) || d.Message == "" {
			t.Errorf("%s %s: %v, want %d %s", tt.method, tt.path, r, tt.status, tt.code)
		}
	}
	// A liaison's list and files never carry a full ID number of a
	// person outside his queries, nor the case number.
	d := e.dispatch(c)
	r := e.must(200, e.as("liaison.bank"), "GET", "/api/v1/exchange/queries", nil, nil)
	if strings.Contains(string(r.body), fmt.Sprintf(`"application_id":%d`, d.id)) {
		t.Errorf("liaison list shows the case number: %s", r.body)
	}
	for _, id := range e.ids {
		if strings.Contains(string(r.body), id) {
			t.Errorf("liaison list holds the full ID number %s", idcard.Mask(id))
		}
	}
}
