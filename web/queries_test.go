package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"hedui"
)

// TestDetailShowsDepartmentProgress: a verifier sees each department's
// query answered, pending or overdue, with the time the answers arrived.
func TestDetailShowsDepartmentProgress(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	sys := hedui.SystemActor("测试")
	agreement := hedui.Agreement{Number: "测试协议", SignedOn: hedui.Date{Time: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)},
		ValidFrom: hedui.Date{Time: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}}
	var depts []hedui.Department
	for _, d := range []struct {
		code, name string
		item       hedui.Item
	}{{"621002-police-t", "西峰区公安局（测试）", hedui.ItemVehicle}, {"621002-bank-t", "西峰区人民银行（测试）", hedui.ItemBank}} {
		dep, err := e.store.CreateDepartment(ctx, sys, hedui.Department{Code: d.code, Name: d.name, Level: hedui.LevelCounty,
			Division: "621002", Items: []hedui.Item{d.item}, Channel: hedui.ChannelManual, ReplyDays: hedui.DefaultReplyDays,
			Agreement: agreement, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		depts = append(depts, dep)
	}
	clerk, verifier := e.actor("clerk.xiaojin"), e.actor("verifier.xifeng")
	app, id := e.newApplication("clerk.xiaojin", "李雷")
	today := hedui.Today(e.clock.Now())
	steps := []func() (*hedui.Application, error){
		func() (*hedui.Application, error) {
			return e.store.SetDeclaration(ctx, clerk, app.ID, hedui.Declaration{Assets: []hedui.Asset{{IDNumber: id, Kind: hedui.AssetDeposit, ValueFen: 100}}})
		},
		func() (*hedui.Application, error) {
			return e.store.AddLetter(ctx, clerk, app.ID, hedui.NewLetter{Form: hedui.LetterElectronic, SignedOn: today,
				Signers: []hedui.Signer{{IDNumber: id, Method: hedui.SignElectronic}}})
		},
		func() (*hedui.Application, error) { return e.store.Transition(ctx, clerk, app.ID, hedui.ActSubmit, "") },
		func() (*hedui.Application, error) {
			return e.store.Transition(ctx, verifier, app.ID, hedui.ActAccept, "")
		},
	}
	for i, step := range steps {
		if _, err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	due := func(sent hedui.Date, days int) (hedui.Date, error) {
		return hedui.Date{Time: sent.AddDate(0, 0, days+2)}, nil
	}
	d, err := e.store.Dispatch(ctx, verifier, app.ID, hedui.LevelCounty, due)
	if err != nil || len(d.Queries) != 2 {
		t.Fatalf("dispatch: %d queries, %v", len(d.Queries), err)
	}
	var ids []string
	for _, q := range d.Queries {
		ids = append(ids, q.ID)
	}
	if err := e.store.MarkSent(ctx, ids, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	// The police answer at once: no record.
	e.clock.Advance(2 * time.Hour)
	for _, q := range d.Queries {
		if q.DepartmentID != depts[0].ID {
			continue
		}
		var answers []hedui.Answer
		for _, s := range q.Subjects {
			for _, it := range q.Items {
				answers = append(answers, hedui.Answer{QueryID: q.ID, SubjectRef: s.Ref, Item: it, NoRecord: true, AsOf: today})
			}
		}
		rep, err := e.store.RecordAnswers(ctx, sys, depts[0].ID, answers)
		if err != nil || rep.Recorded != len(answers) {
			t.Fatalf("answers: %+v %v", rep, err)
		}
	}
	answeredAt := e.clock.Now().In(hedui.CST).Format("2006-01-02 15:04")

	c := e.client()
	c.login("verifier.xifeng")
	p := c.get("/applications/" + itoa(app.ID))
	if p.status != http.StatusOK {
		t.Fatalf("detail = %d", p.status)
	}
	for _, want := range []string{"部门核对进度", "西峰区公安局（测试）", "西峰区人民银行（测试）", `q-answered">已反馈`, `q-pending">待反馈`, answeredAt, "反馈时间"} {
		if !strings.Contains(p.body, want) {
			t.Errorf("detail lacks %q", want)
		}
	}
	// Past the due date the bank's query is overdue.
	e.clock.Advance(30 * 24 * time.Hour)
	c.login("verifier.xifeng") // the session of a month ago has expired
	p = c.get("/applications/" + itoa(app.ID))
	if !strings.Contains(p.body, `q-overdue">已逾期`) || !strings.Contains(p.body, "其中逾期1") {
		t.Errorf("no overdue query: %s", excerpt(p.body))
	}
	// The clerk sees the case but not the departments' progress.
	clerkClient := e.client()
	clerkClient.login("clerk.xiaojin")
	if p := clerkClient.get("/applications/" + itoa(app.ID)); strings.Contains(p.body, "部门核对进度") {
		t.Error("clerk sees the queries")
	}
}
