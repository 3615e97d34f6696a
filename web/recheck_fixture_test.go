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

// putRoll writes the population as roll households with SQL, sealing as
// the store does. It stands in for Store.ImportRoll, which is on branch
// rolls; with it merged, the fixture imports a file instead.
func (f *rfix) putRoll(ctx context.Context) {
	t, db := f.t, f.store.SQL()
	now := f.clock.Now().UTC().Format("2006-01-02T15:04:05.000000Z")
	var imp int64
	if err := db.QueryRowContext(ctx, `INSERT INTO roll_imports (county_code, mode, file_name_enc, file_sha256,
		rows, added, updated, unchanged, exited, problem_count, created_by, created_at)
		VALUES ('621002', 'full', '', 'web-fixture', $1, $1, 0, 0, 0, 0, 'fixture', $2) RETURNING id`,
		len(f.pop.Households), now).Scan(&imp); err != nil {
		t.Fatal(err)
	}
	for i, h := range f.pop.Households {
		until := "2027-12-31"
		if i == len(f.pop.Households)-1 {
			until = "2026-03-31"
		}
		var id int64
		if err := db.QueryRowContext(ctx, `INSERT INTO roll_households (city_code, county_code, township_code,
			region_code, number, category, hukou_type, stable, benefit_fen, income_fen, since, address_enc,
			letter_number, letter_until, status, content_sha256, import_id, created_at, updated_at)
			VALUES ('621000', '621002', $1, $1, $2, 'dibao', $3, 0, 60000, 0, '2025-01-01', $4, $5, $6, 'active', 'x', $7, $8, $8)
			RETURNING id`, h.Township, fmt.Sprintf("XF%05d", i), string(h.Hukou), f.kr.SealString(h.Address, "roll_households.address"),
			fmt.Sprintf("SQ%05d", i), until, imp, now).Scan(&id); err != nil {
			t.Fatal(err)
		}
		for seq, m := range h.Members {
			n, err := idcard.Parse(m.IDNumber, recheckStart)
			if err != nil {
				t.Fatal(err)
			}
			together := m.LivesTogether == nil || *m.LivesTogether
			if _, err := db.ExecContext(ctx, `INSERT INTO roll_members (roll_household_id, seq, name_enc, id_enc, id_index,
				gender, birth_date, relationship, disability_grade, labour_capacity, lives_together, status)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active')`, id, seq+1,
				f.kr.SealString(m.Name, "roll_members.name"), f.kr.SealString(n.Canonical, "roll_members.id_number"),
				f.kr.BlindIndex(n.Canonical), n.Gender(), n.Birth.Format(time.DateOnly), string(m.Relationship),
				m.DisabilityGrade, string(m.Labour), together); err != nil {
				t.Fatal(err)
			}
		}
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
