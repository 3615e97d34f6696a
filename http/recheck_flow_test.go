package http

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hedui"
	"hedui/deptsim"
	"hedui/exchange"
	"hedui/recheck"
)

// TestRecheckFlow drives a round through the API: schedule, start, the
// worker, progress, the warning list and its evidence, a 清退
// recommendation and the agency's decision.
func TestRecheckFlow(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.ensurePolicies("621002")
	admin, err := e.store.User(ctx, "admin")
	noErr(t, err)
	_, err = e.store.CreateDepartment(ctx, hedui.ActorOf(admin), hedui.Department{Code: "621002-hrss", Name: "西峰区人社局",
		Level: hedui.LevelCounty, Division: "621002", Channel: hedui.ChannelManual, ReplyDays: hedui.DefaultReplyDays,
		Agreement: testAgreement("621002-hrss"), Active: true, Items: []hedui.Item{hedui.ItemPayroll, hedui.ItemTax,
			hedui.ItemSocialInsurance, hedui.ItemSubsidy, hedui.ItemHousing}})
	noErr(t, err)
	pop := e.recheckRoll(3, 6)

	v := e.as("verifier.xifeng")
	e.must(200, v, "PUT", "/api/v1/recheck-schedules", hedui.ExampleRecheckSchedule("621002", hedui.CategoryDibao, policyStart), nil)
	var round hedui.Round
	e.must(201, v, "POST", "/api/v1/rechecks", map[string]any{"scope_code": "621002"}, &round)
	if round.Households != 6 || round.Status != hedui.RoundRunning {
		t.Fatalf("round = %+v", round)
	}
	// Every department of the demo answers in process here.
	sim := deptsim.NewAdapter(pop, deptsim.Behaviour{}, e.clock.Now)
	w := recheck.NewWorker(e.store, recheck.Options{Node: "test", Adapters: map[hedui.Channel]exchange.Adapter{
		hedui.ChannelManual: sim, hedui.ChannelOnline: sim, hedui.ChannelBatchFile: sim, hedui.ChannelSimulator: sim}})
	drainWorker(t, w)
	var p hedui.RoundProgress
	e.must(200, v, "GET", fmt.Sprintf("/api/v1/rechecks/%d", round.ID), nil, &p)
	if p.Round.Status != hedui.RoundFinished || p.Overall.Evaluated != 6 || p.Overall.Answered != p.Overall.Dispatched {
		t.Fatalf("progress = %+v", p)
	}
	e.must(404, e.as("verifier.huanxian"), "GET", fmt.Sprintf("/api/v1/rechecks/%d", round.ID), nil, nil)

	// The roll recorded no income, so families with income found are
	// flagged; the list is ranked by gap.
	var page hedui.Page[hedui.RecheckWarning]
	e.must(200, v, "GET", fmt.Sprintf("/api/v1/recheck-warnings?round_id=%d", round.ID), nil, &page)
	if page.Total == 0 {
		t.Fatal("no warning: every simulated family has income the roll does not record")
	}
	for i := 1; i < len(page.Items); i++ {
		if page.Items[i].GapFen > page.Items[i-1].GapFen {
			t.Errorf("warnings not ranked by gap")
		}
	}
	// Filtered by the township and a kind of change of the first.
	w0 := page.Items[0]
	var some hedui.Page[hedui.RecheckWarning]
	e.must(200, v, "GET", fmt.Sprintf("/api/v1/recheck-warnings?round_id=%d&township=%s&kind=%s", round.ID, w0.Township,
		w0.Changes[0].Kind), nil, &some)
	if some.Total == 0 || some.Total > page.Total || some.Items[0].ID != w0.ID {
		t.Errorf("filtered list = %+v, want %d first", some, w0.ID)
	}
	e.must(400, v, "GET", "/api/v1/recheck-warnings?kind=nothing", nil, nil)
	var one hedui.RecheckWarning
	e.must(200, v, "GET", fmt.Sprintf("/api/v1/recheck-warnings/%d", page.Items[0].ID), nil, &one)
	if len(one.Evidence) == 0 {
		t.Errorf("warning %+v carries no evidence", one)
	}
	var x hedui.ExitRecommendation
	e.must(201, v, "POST", fmt.Sprintf("/api/v1/recheck-warnings/%d/exit", one.ID), map[string]any{"reason": "收入超过低保标准"}, &x)
	var inbox struct{ Items []hedui.ExitRecommendation }
	e.must(200, e.as("agency.xifeng"), "GET", "/api/v1/recheck-exits?status=pending", nil, &inbox)
	if len(inbox.Items) != 1 || inbox.Items[0].ID != x.ID {
		t.Fatalf("agency inbox = %+v", inbox)
	}
	e.must(200, e.as("agency.huanxian"), "GET", "/api/v1/recheck-exits", nil, &inbox)
	if len(inbox.Items) != 0 {
		t.Errorf("环县's agency sees 西峰区's recommendations: %+v", inbox.Items)
	}
	e.must(404, e.as("agency.huanxian"), "POST", fmt.Sprintf("/api/v1/recheck-exits/%d/decision", x.ID), map[string]any{"approve": true}, nil)
	e.must(200, e.as("agency.xifeng"), "POST", fmt.Sprintf("/api/v1/recheck-exits/%d/decision", x.ID), map[string]any{"approve": true, "note": "同意"}, &x)
	if x.Status != hedui.ExitApproved {
		t.Errorf("decision = %+v", x)
	}
	if len(page.Items) > 1 {
		e.must(200, v, "POST", fmt.Sprintf("/api/v1/recheck-warnings/%d/dismiss", page.Items[1].ID), map[string]any{"note": "已入户核实"}, nil)
	}
	var cov struct{ Items []hedui.RecheckCoverage }
	e.must(200, e.as("verifier.city"), "GET", "/api/v1/recheck-coverage", nil, &cov)
	if len(cov.Items) != 1 || cov.Items[0].ReverifiedHouseholds != 5 || cov.Items[0].Households != 5 {
		t.Errorf("coverage = %+v, want the 5 households left on the roll, all re-verified", cov.Items)
	}
}

// recheckRoll puts n households of a generated population of 肖金镇 on
// 西峰区's 低保 roll, all due, with letters valid beyond the test.
func (e *env) recheckRoll(seed uint64, n int) *deptsim.Population {
	e.t.Helper()
	pop := deptsim.Generate(deptsim.Config{Seed: seed, Households: n, Now: e.clock.Now(), Townships: []string{xiaojin.township}})
	u, err := e.store.User(context.Background(), "verifier.xifeng")
	noErr(e.t, err)
	up := hedui.RollUpload{County: "621002", Mode: hedui.RollFull, FileName: "名册.csv", SHA256: fmt.Sprintf("roll-%d", seed)}
	up.Households = pop.Roll("621002")
	for i := range up.Households {
		h := &up.Households[i]
		h.Number, h.Category, h.Stable, h.Row, h.IncomeFen = fmt.Sprintf("XJ%04d", i), hedui.CategoryDibao, false, i+1, 0
		h.Since = hedui.Date{Time: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
		h.LetterUntil = hedui.Date{Time: time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC)}
		up.Rows += len(h.Members)
	}
	_, err = e.store.ImportRoll(context.Background(), hedui.ActorOf(u), up)
	noErr(e.t, err)
	return pop
}

// drainWorker works the running rounds until no part is left.
func drainWorker(t *testing.T, w *recheck.Worker) {
	t.Helper()
	for {
		n, err := w.RunOnce(context.Background())
		noErr(t, err)
		if n == 0 {
			return
		}
	}
}

func noErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
