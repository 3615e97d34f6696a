package sqlstore

import (
	"fmt"
	"testing"
	"time"

	"hedui"
	"hedui/deptsim"
	"hedui/exchange"
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

// rollFixture imports the population as the roll of 西峰区 through
// ImportRoll; the last household's letter expired before the fixture's
// day. It returns the households' ids in population order.
func (e *env) rollFixture(pop *deptsim.Population, letterUntil string) []int64 {
	e.t.Helper()
	// The simulator's roll, made predictable: every household 低保 and
	// reviewed half-yearly, on the roll since 2025 with no income recorded.
	hs := pop.Roll("621002")
	for i := range hs {
		h := &hs[i]
		h.Number, h.Category, h.Stable, h.Row = fmt.Sprintf("XF%05d", i), hedui.CategoryDibao, false, i+1
		h.Since, h.LetterUntil, h.BenefitFen, h.IncomeFen = date("2025-01-01"), date(letterUntil), 60000, 0
	}
	hs[len(hs)-1].LetterUntil = date("2025-12-31")
	e.importRoll(e.verifier, rollUpload(hedui.RollFull, "fixture", hs...))
	var ids []int64
	rows, err := e.db.db.QueryContext(e.ctx, `SELECT id FROM roll_households WHERE county_code = '621002' ORDER BY number`)
	must(e.t, err)
	defer rows.Close()
	for rows.Next() {
		var id int64
		must(e.t, rows.Scan(&id))
		ids = append(ids, id)
	}
	must(e.t, rows.Err())
	if len(ids) != len(pop.Households) {
		e.t.Fatalf("roll holds %d households, want %d", len(ids), len(pop.Households))
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
	if got := e.countWhere(`SELECT COALESCE(SUM(answers), 0) FROM recheck_answers WHERE round_id = $1`, round); got != f.owed {
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
