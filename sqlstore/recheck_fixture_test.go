package sqlstore

import (
	"fmt"
	"testing"
	"time"

	"hedui"
	"hedui/deptsim"
	"hedui/exchange"
	"hedui/idcard"
	"hedui/recheck"
)

// rfix is the re-verification fixture: a simulated population of 西峰区
// on the roll, its departments on the simulator channel, policies and
// schedules.
type rfix struct {
	e     *env
	pop   *deptsim.Population
	ids   []int64 // roll household ids, in population order
	depts []hedui.Department
	// owed is the answer rows a round owes for all households but the
	// excluded one: members × items of every department.
	owed, queries int
}

// recheckFixture puts n households of a generated population on the roll
// of 西峰区; the last one's letter has expired. batch puts the finance
// department on the batch-file channel instead of the simulator.
func (e *env) recheckFixture(n int, batch bool) *rfix {
	e.t.Helper()
	f := &rfix{e: e, pop: deptsim.Generate(deptsim.Config{Seed: 7, Households: n, Now: start,
		Townships: []string{townBeijie, townXiaojin}})}
	county, sim := hedui.LevelCounty, hedui.ChannelSimulator
	fin := sim
	if batch {
		fin = hedui.ChannelBatchFile
	}
	f.depts = []hedui.Department{
		e.createDept(dept("621002-police", "西峰区公安局", county, "621002", sim, hedui.ItemHukou, hedui.ItemVehicle, hedui.ItemHousing)),
		e.createDept(dept("621002-finance", "西峰区财政局", county, "621002", fin,
			hedui.ItemPayroll, hedui.ItemSubsidy, hedui.ItemTax, hedui.ItemBusiness)),
		e.createDept(dept("621002-hrss", "西峰区人力资源和社会保障局", county, "621002", sim,
			hedui.ItemSocialInsurance, hedui.ItemBank, hedui.ItemAssistance)),
	}
	for _, h := range []hedui.HukouType{hedui.HukouUrban, hedui.HukouRural} {
		e.createPolicy(testPolicy("621002", h, "2025-01-01"))
	}
	for _, c := range []hedui.Category{hedui.CategoryDibao, hedui.CategoryTekun} {
		_, err := e.db.PutRecheckSchedule(e.ctx, e.verifier, hedui.ExampleRecheckSchedule("621002", c, date("2025-01-01")))
		must(e.t, err)
	}
	f.ids = e.rollFixture(f.pop, "2027-12-31")
	items := 0
	for _, d := range f.depts {
		items += len(d.Items)
	}
	for _, h := range f.pop.Households[:n-1] {
		f.owed += len(h.Members) * items
	}
	f.queries = (n - 1) * len(f.depts)
	return f
}

// rollFixture inserts the population as roll households with raw SQL,
// sealing as the store does; the last household's letter expired before
// the fixture's day. It stands in for Store.ImportRoll (branch rolls).
func (e *env) rollFixture(pop *deptsim.Population, letterUntil string) []int64 {
	e.t.Helper()
	db, d, now := e.db, e.db.d, e.db.now()
	var imp int64
	must(e.t, db.db.QueryRowContext(e.ctx, `INSERT INTO roll_imports (county_code, mode, file_name_enc, file_sha256,
		rows, added, updated, unchanged, exited, problem_count, created_by, created_at)
		VALUES ('621002', 'full', '', 'fixture', $1, $1, 0, 0, 0, 0, 'fixture', $2) RETURNING id`,
		len(pop.Households), d.ts(now)).Scan(&imp))
	var ids []int64
	for i, h := range pop.Households {
		until := date(letterUntil)
		if i == len(pop.Households)-1 {
			until = date("2025-12-31")
		}
		var id int64
		must(e.t, db.db.QueryRowContext(e.ctx, `INSERT INTO roll_households (city_code, county_code, township_code,
			region_code, number, category, hukou_type, stable, benefit_fen, income_fen, since, address_enc,
			letter_number, letter_until, status, content_sha256, import_id, created_at, updated_at)
			VALUES ('621000', '621002', $1, $1, $2, 'dibao', $3, $4, 60000, 0, $5, $6, $7, $8, 'active', 'x', $9, $10, $10)
			RETURNING id`, h.Township, fmt.Sprintf("XF%05d", i), string(h.Hukou), false, d.date(date("2025-01-01")),
			db.seal(h.Address, adRollAddress), fmt.Sprintf("SQ%05d", i), d.date(until), imp, d.ts(now)).Scan(&id))
		for seq, m := range h.Members {
			n, err := idcard.Parse(m.IDNumber, start)
			must(e.t, err)
			together := m.LivesTogether == nil || *m.LivesTogether
			_, err = db.db.ExecContext(e.ctx, `INSERT INTO roll_members (roll_household_id, seq, name_enc, id_enc, id_index,
				gender, birth_date, relationship, disability_grade, labour_capacity, lives_together, status)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active')`, id, seq+1, db.seal(m.Name, adRollName),
				db.seal(n.Canonical, adRollID), db.kr.BlindIndex(n.Canonical), n.Gender(), d.date(hedui.DateOf(n.Birth)),
				string(m.Relationship), m.DisabilityGrade, string(m.Labour), together)
			must(e.t, err)
		}
		ids = append(ids, id)
	}
	return ids
}

// worker is a node answering from the fixture's population.
func (f *rfix) worker(node string) *recheck.Worker {
	return recheck.NewWorker(f.e.db, recheck.Options{Node: node, Parts: 2, Lease: time.Minute,
		Adapters: map[hedui.Channel]exchange.Adapter{
			hedui.ChannelSimulator: deptsim.NewAdapter(f.pop, deptsim.Behaviour{}, f.e.clock.Now)}})
}

// drain runs w until no part is left to claim.
func drain(t testing.TB, f *rfix, w *recheck.Worker) int {
	t.Helper()
	saved := 0
	for {
		n, err := w.RunOnce(f.e.ctx)
		must(t, err)
		if n == 0 {
			return saved
		}
		saved += n
	}
}

// countWhere returns a COUNT(*) query's result.
func (e *env) countWhere(query string, args ...any) int {
	e.t.Helper()
	var n int
	must(e.t, e.db.db.QueryRowContext(e.ctx, query, args...).Scan(&n))
	return n
}

// roundCounts checks the exact numbers of a finished round.
func (f *rfix) roundCounts(t testing.TB, round int64) {
	t.Helper()
	e := f.e
	if got := e.countWhere(`SELECT COUNT(*) FROM recheck_queries WHERE round_id = $1`, round); got != f.queries {
		t.Errorf("queries = %d, want %d", got, f.queries)
	}
	if got := e.countWhere(`SELECT COUNT(*) FROM recheck_answers WHERE round_id = $1`, round); got != f.owed {
		t.Errorf("answers = %d, want %d", got, f.owed)
	}
	if got, want := e.countWhere(`SELECT COUNT(*) FROM recheck_results WHERE round_id = $1`, round), len(f.ids)-1; got != want {
		t.Errorf("results = %d, want %d", got, want)
	}
	r, err := e.db.round(e.ctx, e.db.db, round)
	must(t, err)
	if r.Status != hedui.RoundFinished || r.PartsDone != r.Parts {
		t.Errorf("round = %+v, want finished with every part done", r)
	}
}
