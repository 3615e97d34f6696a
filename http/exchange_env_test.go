package http

import (
	"bytes"
	"context"
	"fmt"

	"time"

	"hedui"
	"hedui/demo"
	"hedui/exchange"
	"hedui/exchange/batchfile"
	"hedui/exchange/manual"
	"hedui/password"
	"hedui/sqlstore"
)

// testDept is a member unit of the test env. The two of 西峰区 carry the
// names of the demo liaisons' organisations, so that the demo liaison
// accounts belong to them; 环县's has no liaison.
type testDept struct {
	code, name, division string
	liaison              string
	items                []hedui.Item
}

var testDepts = []testDept{
	{"621002-police", "西峰区公安局", "621002", "liaison.police", []hedui.Item{hedui.ItemHukou, hedui.ItemVehicle}},
	{"621002-bank", "西峰区人民银行支行（代各商业银行）", "621002", "liaison.bank", []hedui.Item{hedui.ItemBank}},
	{"621022-police", "环县公安局", "621022", "", []hedui.Item{hedui.ItemHukou, hedui.ItemVehicle}},
}

// testAgreement is in force on the test clock and open-ended.
func testAgreement(code string) hedui.Agreement {
	return hedui.Agreement{
		Number:    "测试协议-" + code,
		SignedOn:  hedui.Date{Time: time.Date(2024, 12, 20, 0, 0, 0, 0, time.UTC)},
		ValidFrom: hedui.Date{Time: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
}

// seedExchange registers the test departments (manual channel, so that
// nothing answers but the liaisons) and the demo liaison accounts.
func seedExchange(ctx context.Context, st *sqlstore.DB) error {
	sys := hedui.SystemActor("测试")
	have, err := st.Departments(ctx, sys)
	if err != nil {
		return err
	}
	byCode := map[string]hedui.Department{}
	for _, d := range have {
		byCode[d.Code] = d
	}
	for _, t := range testDepts {
		d := hedui.Department{Code: t.code, Name: t.name, Level: hedui.LevelCounty, Division: t.division, Items: t.items,
			Channel: hedui.ChannelManual, ReplyDays: hedui.DefaultReplyDays, Agreement: testAgreement(t.code), Active: true}
		if old, ok := byCode[t.code]; ok {
			d.ID = old.ID
			_, err = st.UpdateDepartment(ctx, sys, d)
		} else {
			_, err = st.CreateDepartment(ctx, sys, d)
		}
		if err != nil {
			return fmt.Errorf("department %s: %w", t.code, err)
		}
	}
	for _, a := range demo.LiaisonAccounts {
		if liaisonDept(a.Username) == nil {
			return fmt.Errorf("demo liaison %s has no test department; add it to testDepts", a.Username)
		}
	}
	return demo.SeedLiaisons(ctx, st, func(pw string) string { return password.Hash(pw, cheapParams) })
}

// liaisonDept returns the test department a liaison answers for.
func liaisonDept(username string) *testDept {
	for i := range testDepts {
		if testDepts[i].liaison == username {
			return &testDepts[i]
		}
	}
	return nil
}

// dept returns a test department as stored.
func (e *env) dept(code string) hedui.Department {
	e.t.Helper()
	ds, err := e.store.Departments(context.Background(), hedui.SystemActor("测试"))
	if err != nil {
		e.t.Fatal(err)
	}
	for _, d := range ds {
		if d.Code == code {
			return d
		}
	}
	e.t.Fatalf("no department %s", code)
	return hedui.Department{}
}

// travel moves the clock to t (in China) and forgets the tokens, which
// may have expired on the way.
func (e *env) travel(t time.Time) {
	e.clock.Set(t)
	e.tokens = map[string]string{}
}

// sendOutbox runs the sender with the manual adapter: the pending queries
// become visible to their liaisons.
func (e *env) sendOutbox() exchange.Stats {
	e.t.Helper()
	snd := exchange.Sender{Store: e.store, Adapters: map[hedui.Channel]exchange.Adapter{hedui.ChannelManual: manual.Adapter{}}, Now: e.clock.Now}
	st, err := snd.RunOnce(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return st
}

// queryOf returns, with its subjects, the case's query to a department.
func (e *env) queryOf(c caseRef, code string) hedui.Query {
	e.t.Helper()
	id, ok := c.queries[code]
	if !ok {
		e.t.Fatalf("case %d has no query to %s: %v", c.id, code, c.queries)
	}
	q, err := e.store.Query(context.Background(), hedui.SystemActor("测试"), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return q
}

// caseAt builds a case in one of the stages the exchange tests start
// from: draft, submitted, accepted, flagged (accepted and marked for the
// city), dispatched (queries sent to the departments), verified (every
// query answered; the county's policy in force), concluded (evaluated),
// decided (the conclusion confirmed) or reported (its report issued).
func (e *env) caseAt(p place, stage string) caseRef {
	e.t.Helper()
	c := e.newCase(p, stage != "draft")
	if stage == "draft" || stage == "submitted" {
		return c
	}
	v := e.as(p.verifier)
	e.must(200, v, "POST", c.path("/transitions"), map[string]string{"action": "accept"}, nil)
	switch stage {
	case "accepted":
	case "flagged":
		e.must(204, v, "POST", c.path("/city-flag"), map[string]any{"need": true, "reason": "疑似有外县区车辆"}, nil)
	case "dispatched":
		c = e.dispatch(c)
	case "verified":
		c = e.verify(c)
	case "concluded":
		c = e.conclude(e.verify(c))
	case "decided":
		c = e.decideCase(e.conclude(e.verify(c)))
	case "reported":
		c = e.report(e.decideCase(e.conclude(e.verify(c))))
	default:
		e.t.Fatalf("unknown stage %s", stage)
	}
	return c
}

// dispatch launches verification of an accepted case as its county's
// verifier and sends the queries.
func (e *env) dispatch(c caseRef) caseRef {
	e.t.Helper()
	var d dispatchResponse
	e.must(201, e.as(c.place.verifier), "POST", c.path("/dispatch"), nil, &d)
	c.queries = map[string]string{}
	for _, q := range d.Queries {
		for _, t := range testDepts {
			if t.name == q.Department {
				c.queries[t.code] = q.ID
			}
		}
	}
	e.sendOutbox()
	return c
}

// answerCSV is an answer file for the given answers of one query, written
// by the batchfile package as a department would.
func (e *env) answerCSV(q hedui.Query, answers []hedui.Answer) []byte {
	e.t.Helper()
	ids := map[string]string{}
	for _, s := range q.Subjects {
		ids[s.Ref] = s.IDNumber
	}
	var buf bytes.Buffer
	if err := batchfile.WriteAnswers(&buf, batchfile.CSV, answers, ids); err != nil {
		e.t.Fatal(err)
	}
	return buf.Bytes()
}

// noRecord is a 查无记录 answer.
func noRecord(q hedui.Query, ref string, item hedui.Item, asOf string) hedui.Answer {
	d, _ := hedui.ParseDate(asOf)
	return hedui.Answer{QueryID: q.ID, SubjectRef: ref, Item: item, NoRecord: true, AsOf: d}
}
