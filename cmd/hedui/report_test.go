package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/crypt"
	"hedui/demo"
	"hedui/report"
	"hedui/rules"
	"hedui/sqlstore"
)

// issueDemoReport takes a dispatched demo case of 西峰区 through answers,
// evaluation and decision, and issues its report as the HTTP API does.
func issueDemoReport(t *testing.T, ctx context.Context, st *sqlstore.DB) (hedui.Report, []byte) {
	t.Helper()
	v, err := demo.Actor(ctx, st, "verifier.xifeng")
	if err != nil {
		t.Fatal(err)
	}
	page, err := st.Applications(ctx, v, hedui.Filter{Status: []hedui.Status{hedui.StatusVerifying}, Limit: 1})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("no case being verified in 西峰区: %v", err)
	}
	id := page.Items[0].ID
	qs, err := st.Queries(ctx, v, id)
	if err != nil {
		t.Fatal(err)
	}
	today := hedui.Today(time.Now())
	sys := hedui.SystemActor("测试")
	for _, q := range qs {
		q, err := st.Query(ctx, sys, q.ID)
		if err != nil {
			t.Fatal(err)
		}
		var as []hedui.Answer
		for _, s := range q.Subjects {
			for _, it := range q.Items {
				as = append(as, hedui.Answer{QueryID: q.ID, SubjectRef: s.Ref, Item: it, AsOf: today, NoRecord: true})
			}
		}
		if _, err := st.RecordAnswers(ctx, sys, q.DepartmentID, as); err != nil {
			t.Fatal(err)
		}
	}
	f, err := st.CaseFile(ctx, v, id)
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.PolicyAt(ctx, f.Region.County, f.Hukou, today)
	if err != nil {
		t.Fatal(err)
	}
	compiled, err := rules.Compile(&p)
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.SaveConclusion(ctx, v, id, rules.Check(compiled, &rules.CaseInput{ID: f.ID, Members: f.Members,
		Declaration: f.Declaration, Answers: f.Answers, Expected: rules.ExpectationsFrom(f.Queries), AsOf: f.AsOf(today)}))
	if err != nil {
		t.Fatal(err)
	}
	d := hedui.Decision{ConclusionID: c.ID, Action: hedui.DecisionConfirm}
	if c.Overall == hedui.OverallIncomplete {
		d = hedui.Decision{ConclusionID: c.ID, Action: hedui.DecisionOverride, Overall: hedui.OverallClear,
			Category: hedui.CategoryDibao, BenefitFen: 10000, Reason: "入户调查核实无异常"}
	}
	if _, err := st.Decide(ctx, v, id, d); err != nil {
		t.Fatal(err)
	}
	return issue(t, ctx, st, v, id)
}

// issue renders and issues the report on a decided or reported case.
func issue(t *testing.T, ctx context.Context, st *sqlstore.DB, v hedui.Actor, id int64) (hedui.Report, []byte) {
	t.Helper()
	draft, err := st.PrepareReport(ctx, v, id)
	if err != nil {
		t.Fatal(err)
	}
	number, err := report.FormatNumber(report.DefaultScheme, draft.Slot.County, draft.Slot.Year, draft.Slot.Seq)
	if err != nil {
		t.Fatal(err)
	}
	content := hedui.NewReportContent(&draft, number)
	iss, err := report.Issue(&content, report.Options{MemberNames: content.MemberNames()}, []byte("a test key of sixteen bytes or more"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.IssueReport(ctx, v, id, hedui.NewReport{Slot: draft.Slot, Content: content, PDF: iss.PDF, SHA256: iss.SHA256, Code: iss.Code})
	if err != nil {
		t.Fatal(err)
	}
	return r, iss.PDF
}

func TestReportVerifyCommand(t *testing.T) {
	ctx := context.Background()
	t.Setenv(crypt.EnvKey, "")
	sf := storeFlags{data: filepath.Join(t.TempDir(), "d")}
	st, _, err := sf.open(ctx, true, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, _, err := seedDemo(ctx, st, sf.data); err != nil {
		t.Fatal(err)
	}
	r1, pdf := issueDemoReport(t, ctx, st)
	file := filepath.Join(t.TempDir(), "报告.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	forged := filepath.Join(t.TempDir(), "forged.pdf")
	if err := os.WriteFile(forged, append(pdf, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	verify := func(args ...string) (int, string) {
		var out, errOut bytes.Buffer
		code := run(ctx, append([]string{"report", "verify", "-data", sf.data}, args...), nil, &out, &errOut)
		return code, out.String() + errOut.String()
	}
	steps := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-code", r1.Code}, 0, "现行版本"},
		{[]string{"-code", strings.ToLower(strings.ReplaceAll(r1.Code, "-", ""))}, 0, r1.Number},
		{[]string{"-file", file}, 0, "打印次数：0"},
		{[]string{"-file", forged}, exitNotAuthentic, "未找到"},
		{[]string{"-code", "ZZZZ-ZZZZ"}, exitNotAuthentic, "未找到"},
		{[]string{"-code", "UUU-123"}, 1, "格式不正确"},
		{[]string{"-file", filepath.Join(t.TempDir(), "none.pdf")}, 1, "读取报告文件"},
		{nil, 2, "只能提供一个"},
		{[]string{"-code", r1.Code, "-file", file}, 2, "只能提供一个"},
	}
	for _, s := range steps {
		if code, out := verify(s.args...); code != s.code || !strings.Contains(out, s.want) {
			t.Errorf("report verify %v: exit %d, %q; want %d and %q", s.args, code, out, s.code, s.want)
		}
	}
	// A corrected version replaces it: the old file is authentic but
	// superseded.
	v, err := demo.Actor(ctx, st, "verifier.xifeng")
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := issue(t, ctx, st, v, r1.ApplicationID)
	if code, out := verify("-file", file); code != exitSuperseded || !strings.Contains(out, "已被第2版替代") {
		t.Errorf("superseded: exit %d, %q", code, out)
	}
	if code, out := verify("-code", r2.Code); code != 0 || !strings.Contains(out, "第2版（现行版本）") {
		t.Errorf("current: exit %d, %q", code, out)
	}
	if code, out := verify(); code != 2 || !strings.Contains(out, "用法") {
		t.Errorf("no arguments: %d %q", code, out)
	}
	var out bytes.Buffer
	if code := run(ctx, []string{"report"}, nil, &out, &out); code != 2 || !strings.Contains(out.String(), "report verify") {
		t.Errorf("report without verify: %d %q", code, out.String())
	}
}
