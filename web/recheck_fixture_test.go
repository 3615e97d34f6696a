package web

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hedui"
	"hedui/demo"
	"hedui/deptsim"
	"hedui/exchange"
	"hedui/idcard"
	"hedui/recheck"
)

// recheckStart is the day the re-verification tests run on: the demo
// policies are in force and the fixture's roll, dated 2025-01-01, is due.
var recheckStart = time.Date(2026, 7, 1, 10, 0, 0, 0, hedui.CST)

// rfix is a web server over a store with 西峰区's roll of a simulated
// population, its departments answering through the simulator, the
// example policies and schedules.
type rfix struct {
	*env
	pop    *deptsim.Population
	worker *recheck.Worker
}

// newRecheckEnv puts n households of a generated population of 肖金镇 and
// 董志镇 on the roll of 西峰区; the last one's letter has expired, so that
// a round leaves it out.
func newRecheckEnv(t *testing.T, n int) *rfix {
	t.Helper()
	return newRecheckFixture(newEnvWith(t, envOptions{start: recheckStart}), n)
}

// newRecheckFixture sets up the roll, departments, policies and schedules
// in e, which may be a browser test's.
func newRecheckFixture(e *env, n int) *rfix {
	t := e.t
	t.Helper()
	ctx := context.Background()
	f := &rfix{env: e, pop: deptsim.Generate(deptsim.Config{Seed: 11, Households: n, Now: recheckStart,
		Townships: []string{"621002100", "621002101"}})}
	admin := e.actor("admin")
	agreement := hedui.Agreement{Number: "测试协议", SignedOn: hedui.Date{Time: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)},
		ValidFrom: hedui.Date{Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}
	for _, d := range []struct {
		code, name string
		items      []hedui.Item
	}{
		{"621002-police", "西峰区公安局", []hedui.Item{hedui.ItemHukou, hedui.ItemVehicle, hedui.ItemHousing}},
		{"621002-finance", "西峰区财政局", []hedui.Item{hedui.ItemPayroll, hedui.ItemSubsidy, hedui.ItemTax, hedui.ItemBusiness}},
		{"621002-hrss", "西峰区人力资源和社会保障局", []hedui.Item{hedui.ItemSocialInsurance, hedui.ItemBank, hedui.ItemAssistance}},
	} {
		if _, err := e.store.CreateDepartment(ctx, admin, hedui.Department{Code: d.code, Name: d.name, Level: hedui.LevelCounty,
			Division: "621002", Items: d.items, Channel: hedui.ChannelSimulator, ReplyDays: hedui.DefaultReplyDays,
			Agreement: agreement, Active: true}); err != nil {
			t.Fatal(err)
		}
	}
	if err := demo.SeedPolicies(ctx, e.store); err != nil {
		t.Fatal(err)
	}
	verifier := e.actor("verifier.xifeng")
	for _, c := range []hedui.Category{hedui.CategoryDibao, hedui.CategoryTekun} {
		s := hedui.ExampleRecheckSchedule("621002", c, hedui.Date{Time: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
		if _, err := e.store.PutRecheckSchedule(ctx, verifier, s); err != nil {
			t.Fatal(err)
		}
	}
	f.putRoll(ctx)
	f.worker = recheck.NewWorker(e.store, recheck.Options{Node: "web-test", Lease: time.Minute, Poll: 100 * time.Millisecond,
		Adapters: map[hedui.Channel]exchange.Adapter{hedui.ChannelSimulator: deptsim.NewAdapter(f.pop, deptsim.Behaviour{}, e.clock.Now)}})
	return f
}

// putRoll imports the population as 西峰区's roll through the store; the
// last household's letter expired before the round's day.
func (f *rfix) putRoll(ctx context.Context) {
	t := f.t
	day := func(s string) hedui.Date {
		d, err := hedui.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	up := hedui.RollUpload{County: "621002", Mode: hedui.RollFull, FileName: "西峰区低保名册.xlsx", SHA256: "web-fixture"}
	for i, h := range f.pop.Households {
		until := "2027-12-31"
		if i == len(f.pop.Households)-1 {
			until = "2026-03-31"
		}
		rh := hedui.RollHousehold{County: "621002", Region: h.Township, Number: fmt.Sprintf("XF%05d", i),
			Category: hedui.CategoryDibao, Hukou: h.Hukou, BenefitFen: 60000, Since: day("2025-01-01"), Address: h.Address,
			LetterNumber: fmt.Sprintf("SQ%05d", i), LetterUntil: day(until), Status: hedui.RollActive, Row: up.Rows + 1}
		for _, m := range h.Members {
			n, err := idcard.Parse(m.IDNumber, recheckStart)
			if err != nil {
				t.Fatal(err)
			}
			rh.Members = append(rh.Members, hedui.Member{Name: m.Name, IDNumber: n.Canonical, Gender: n.Gender(),
				BirthDate: hedui.DateOf(n.Birth), Relationship: m.Relationship, Hukou: h.Hukou,
				DisabilityGrade: m.DisabilityGrade, Labour: m.Labour, LivesTogether: m.LivesTogether == nil || *m.LivesTogether})
		}
		up.Rows += len(h.Members)
		up.Households = append(up.Households, rh)
	}
	if _, err := f.store.ImportRoll(ctx, f.actor("verifier.xifeng"), up); err != nil {
		t.Fatal(err)
	}
}

// drain works the running rounds until no part is left.
func (f *rfix) drain() {
	f.t.Helper()
	for {
		n, err := f.worker.RunOnce(context.Background())
		if err != nil {
			f.t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}
