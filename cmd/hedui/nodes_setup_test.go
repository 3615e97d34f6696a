package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/crypt"
	"hedui/demo"
	"hedui/deptsim"
	"hedui/division"
	"hedui/password"
	"hedui/sqlstore"
)

// Settings of the process-level round tests: parts are small and claimed
// one at a time, so that a round has many and a kill lands in the middle
// of one; the lease is short so that a killed node's part is soon taken
// over, yet long enough that a live node never loses one.
const (
	nodesSeed       = 11
	nodesPopulation = 3300 // about 300 households of 西峰区
	nodesPartSize   = 5
	nodesLease      = 10 * time.Second
	nodesCounty     = "621002"
)

// nodesDepts are the 西峰区 departments asked in a round, as the demo
// defines them, on the batch-file channel: the nodes save their queries
// and the test answers them as the department's answer file would.
var nodesDepts = []string{"621002-police", "621002-finance", "621002-hrss"}

// roundSetup is one database with a roll and departments, and the nodes
// started on it.
type roundSetup struct {
	t     *testing.T
	bin   string
	env   []string
	dir   string
	store []string // -db URL or -data DIR
	st    *sqlstore.DB
	db    *sql.DB // for the assertions
	nodes []*proc
	pop   *deptsim.Population
	depts []hedui.Department
	// What a round over the roll must store: households evaluated,
	// queries (one per household and department), answer rows (members
	// × items of each department).
	due, queries, answers int
}

// newRoundSetup migrates a fresh database of the engine ("postgres" or
// "sqlite") with the binary and seeds through the store what a round
// needs: the demo accounts, three departments of 西峰区, the example
// policies and schedules, and a simulated population of 西峰区 imported
// as its 低保 roll.
func newRoundSetup(t *testing.T, engine string) *roundSetup {
	t.Helper()
	ctx := context.Background()
	key, env := masterKey()
	s := &roundSetup{t: t, bin: buildHedui(t), env: env, dir: t.TempDir()}
	var driver, dsn string
	switch engine {
	case "postgres":
		dsn = postgresDatabase(t)
		driver, s.store = "pgx", []string{"-db", dsn}
	case "sqlite":
		data := filepath.Join(s.dir, "data")
		dsn = filepath.Join(data, "hedui.db")
		driver, s.store = "sqlite", []string{"-data", data}
	default:
		t.Fatalf("unknown engine %q", engine)
	}
	runHedui(t, s.bin, env, "", append([]string{"migrate"}, s.store...)...)
	kr, err := crypt.New(key)
	if err != nil {
		t.Fatal(err)
	}
	if s.st, err = sqlstore.Open(ctx, dsn, sqlstore.Options{Keyring: kr}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.st.Close() })
	raw := dsn
	if driver == "sqlite" {
		raw += "?_pragma=busy_timeout(5000)"
	}
	if s.db, err = sql.Open(driver, raw); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.db.Close() })

	now := hedui.Today(time.Now()).Time
	s.pop = deptsim.Generate(deptsim.Config{Seed: nodesSeed, Households: nodesPopulation, Now: now})
	s.seed(ctx, now)
	return s
}

// seed stores the reference data, departments, policies, schedules and
// roll, and counts what a round over them owes.
func (s *roundSetup) seed(ctx context.Context, now time.Time) {
	t := s.t
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(demo.SeedAccounts(ctx, s.st, func(pw string) string { return password.Hash(pw, password.Default) }))
	must(demo.SeedPolicies(ctx, s.st))
	by, err := demo.Actor(ctx, s.st, "verifier.xifeng")
	must(err)
	by.ClientAddr, by.Purpose = "127.0.0.1", "复核轮次测试"
	ds, err := division.Qingyang()
	must(err)
	items := 0
	since := hedui.Date{Time: now.AddDate(-2, 0, 0)}
	for _, d := range demo.Departments(ds) {
		if !slices.Contains(nodesDepts, d.Code) {
			continue
		}
		// The demo's example agreement, kept in force on any day the
		// test runs.
		d.Channel, d.Agreement.ValidFrom, d.Agreement.ValidUntil = hedui.ChannelBatchFile, since, hedui.Date{Time: now.AddDate(5, 0, 0)}
		d, err := s.st.CreateDepartment(ctx, hedui.SystemActor("测试部门"), d)
		must(err)
		s.depts = append(s.depts, d)
		items += len(d.Items)
	}
	for _, c := range []hedui.Category{hedui.CategoryDibao, hedui.CategoryTekun} {
		_, err := s.st.PutRecheckSchedule(ctx, by, hedui.ExampleRecheckSchedule(nodesCounty, c, since))
		must(err)
	}
	up := hedui.RollUpload{County: nodesCounty, Mode: hedui.RollFull, FileName: "西峰区低保名册.csv", SHA256: "nodes-test",
		Households: s.pop.Roll(nodesCounty)}
	for i := range up.Households {
		h := &up.Households[i]
		h.Row = up.Rows + 1
		up.Rows += len(h.Members)
		s.answers += len(h.Members) * items
	}
	imp, err := s.st.ImportRoll(ctx, by, up)
	must(err)
	if imp.Added != len(up.Households) || len(imp.Problems) > 0 {
		t.Fatalf("roll import: %d added of %d, problems %+v", imp.Added, len(up.Households), imp.Problems)
	}
	s.due, s.queries = len(up.Households), len(up.Households)*len(nodesDepts)
	t.Logf("roll of %d households, %d queries and %d answer rows owed", s.due, s.queries, s.answers)
}

// startNode starts `hedui serve -node name` with a short lease.
func (s *roundSetup) startNode(name string) *proc {
	s.t.Helper()
	args := append([]string{"serve", "-addr", "127.0.0.1:0", "-node", name, "-recheck-lease", nodesLease.String(),
		"-recheck-parts", "1", "-recheck-part-size", strconv.Itoa(nodesPartSize),
		"-exchange-dir", filepath.Join(s.dir, "exchange-"+name)}, s.store...)
	p := startProc(s.t, fmt.Sprintf("node %s (%d)", name, len(s.nodes)+1), s.bin, s.env, args...)
	s.nodes = append(s.nodes, p)
	return p
}

// logs are every process's output, for failure messages.
func (s *roundSetup) logs() string {
	var b strings.Builder
	for _, p := range s.nodes {
		fmt.Fprintf(&b, "----- %s -----\n%s\n", p.name, p.log.String())
	}
	b.WriteString("----- parts -----\n")
	rows, err := s.db.Query(`SELECT round_id, seq, status, claimed_by, attempts FROM recheck_parts ORDER BY round_id, seq`)
	if err != nil {
		return b.String() + err.Error()
	}
	defer rows.Close()
	for rows.Next() {
		var round, seq, attempts int
		var status, node string
		if err := rows.Scan(&round, &seq, &status, &node, &attempts); err != nil {
			return b.String() + err.Error()
		}
		fmt.Fprintf(&b, "round %d part %d: %s by %q, %d claims\n", round, seq, status, node, attempts)
	}
	return b.String()
}

// startRound starts a round over 西峰区 through the API of node p, as
// its verifier.
func (s *roundSetup) startRound(p *proc) hedui.Round {
	s.t.Helper()
	req, _ := http.NewRequest("POST", p.url+"/api/v1/rechecks", strings.NewReader(`{"scope_code":"`+nodesCounty+`"}`))
	req.Header.Set("Authorization", "Bearer "+login(s.t, p.url, "verifier.xifeng"))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	var r hedui.Round
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || resp.StatusCode != http.StatusCreated {
		s.t.Fatalf("start round: %d %v", resp.StatusCode, err)
	}
	if r.Households != s.due || r.Parts != (s.due+nodesPartSize-1)/nodesPartSize || r.Parts < 4 {
		s.t.Fatalf("round %+v: want %d households in parts of %d", r, s.due, nodesPartSize)
	}
	return r
}

// answerDepartments waits until the nodes have asked about every
// household, the departments being on the batch-file channel, stops the
// nodes, and answers each department's queries from the simulated
// population in one go, as its answer file would, which makes the
// waiting parts ready. The nodes are stopped (they hold no part then)
// because a part claimed when one department's answers made it ready is
// saved as waiting even if the other departments answer before that
// save, and then nothing makes it ready again: a race of the store, not
// of killing, left for the store to fix.
func (s *roundSetup) answerDepartments(r hedui.Round) {
	s.t.Helper()
	waitFor(s.t, "every part to wait for the departments", s.logs, func() bool {
		return queryInt(s.t, s.db, fmt.Sprintf(`SELECT COUNT(*) FROM recheck_parts WHERE round_id = %d AND status <> 'waiting'`, r.ID)) == 0
	})
	for _, p := range s.nodes {
		p.kill()
	}
	ctx := context.Background()
	sim := deptsim.NewAdapter(s.pop, deptsim.Behaviour{}, time.Now)
	by := hedui.SystemActor("批量反馈文件导入")
	for _, d := range s.depts {
		qs, err := s.st.RecheckRequests(ctx, by, r.ID, d.ID)
		if err != nil {
			s.t.Fatal(err)
		}
		res, err := sim.Send(ctx, d, qs)
		if err != nil {
			s.t.Fatal(err)
		}
		rep, err := s.st.RecordRecheckAnswers(ctx, by, r.ID, d.ID, res.Answers)
		if err != nil || len(rep.Problems) > 0 {
			s.t.Fatalf("answers of %s: %+v %v", d.Code, rep, err)
		}
	}
}

// killMidPart waits until node p has saved some of the round (evaluated
// some of it, with evaluated) and kills it while it holds a part. A node
// holds a part only between a claim and the save of its work, which
// takes milliseconds: polling for that moment and then killing missed it
// on a loaded machine, the round finishing first. So the node is frozen
// (SIGSTOP) at a moment of its own work, looked at, and killed if it
// holds a part, let go on otherwise; frozen, it cannot save the part
// while the test looks. A statement it sent just before it froze may
// still commit: the part is checked again after the kill, and if it was
// saved after all the node is started again under its name and the kill
// retried. It returns the part the kill caught.
func (s *roundSetup) killMidPart(r hedui.Round, p *proc, name string, evaluated bool) int64 {
	s.t.Helper()
	waitFor(s.t, "node "+name+" to save work of the round", s.logs, func() bool {
		s.checkUnfinished(r, name)
		w := s.work(r)[name]
		return w.saves > 0 && (!evaluated || w.evaluated > 0)
	})
	for try := 0; ; try++ {
		var part int64
		waitFor(s.t, "node "+name+" frozen in the middle of a part", s.logs, func() bool {
			s.checkUnfinished(r, name)
			p.freeze()
			time.Sleep(20 * time.Millisecond) // for what it sent before it froze
			if part = s.partHeld(r, name); part != 0 {
				return true
			}
			p.thaw()
			time.Sleep(time.Duration(try%7) * time.Millisecond) // another moment of its work next time
			return false
		})
		p.kill()
		if status, node, _ := s.partState(part); status == "running" && node == name {
			return part
		}
		s.t.Logf("the kill of node %s came after its part %d was saved; again", name, part)
		p = s.startNode(name)
	}
}

// checkUnfinished fails the test if the round has finished before node
// could be caught holding a part of it.
func (s *roundSetup) checkUnfinished(r hedui.Round, node string) {
	s.t.Helper()
	if queryInt(s.t, s.db, fmt.Sprintf(`SELECT COUNT(*) FROM recheck_rounds WHERE id = %d AND status = 'finished'`, r.ID)) > 0 {
		s.t.Fatalf("the round finished before node %s could be caught in the middle of a part\n%s", node, s.logs())
	}
}

// partHeld is the part of the round node holds, or 0.
func (s *roundSetup) partHeld(r hedui.Round, node string) int64 {
	s.t.Helper()
	var held sql.NullInt64
	if err := s.db.QueryRow(fmt.Sprintf(`SELECT MIN(id) FROM recheck_parts
		WHERE round_id = %d AND status = 'running' AND claimed_by = '%s'`, r.ID, node)).Scan(&held); err != nil {
		s.t.Fatal(err)
	}
	return held.Int64
}

// nodeWork is what one node saved of a round, summed over its saves.
type nodeWork struct {
	saves, parts, done, households, queries, answers, evaluated int
}

// add sums two nodes' work, counting d as one save.
func (w nodeWork) add(d nodeWork) nodeWork {
	return nodeWork{saves: w.saves + 1, parts: w.parts + d.parts, done: w.done + d.done, households: w.households + d.households,
		queries: w.queries + d.queries, answers: w.answers + d.answers, evaluated: w.evaluated + d.evaluated}
}

// work reads from the audit log what each node saved of the round: every
// save writes one entry, in its own transaction, naming the node and the
// counts. Saves that failed (a lost lease) wrote nothing, so the sums over
// the nodes are the round's totals exactly when nothing was saved twice.
func (s *roundSetup) work(r hedui.Round) map[string]nodeWork {
	s.t.Helper()
	rows, err := s.db.Query(fmt.Sprintf(`SELECT username, detail FROM audit_log
		WHERE action = 'recheck.save' AND object_type = 'recheck_round' AND object_id = '%d'`, r.ID))
	if err != nil {
		s.t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]nodeWork{}
	for rows.Next() {
		var user, detail string
		if err := rows.Scan(&user, &detail); err != nil {
			s.t.Fatal(err)
		}
		var d nodeWork
		var warnings int
		if _, err := fmt.Sscanf(detail, "parts=%d done=%d households=%d queries=%d answers=%d evaluated=%d warnings=%d",
			&d.parts, &d.done, &d.households, &d.queries, &d.answers, &d.evaluated, &warnings); err != nil {
			s.t.Fatalf("audit detail %q: %v", detail, err)
		}
		node := strings.TrimPrefix(user, "node:")
		out[node] = out[node].add(d)
	}
	if err := rows.Err(); err != nil {
		s.t.Fatal(err)
	}
	return out
}

// partState is a part's status, node and number of claims.
func (s *roundSetup) partState(id int64) (status, node string, attempts int) {
	s.t.Helper()
	if err := s.db.QueryRow(fmt.Sprintf(`SELECT status, claimed_by, attempts FROM recheck_parts WHERE id = %d`, id)).
		Scan(&status, &node, &attempts); err != nil {
		s.t.Fatal(err)
	}
	return status, node, attempts
}

// waitFinished waits for the round to be finished.
func (s *roundSetup) waitFinished(r hedui.Round) {
	s.t.Helper()
	waitFor(s.t, "the round to finish", s.logs, func() bool {
		return queryInt(s.t, s.db, fmt.Sprintf(`SELECT COUNT(*) FROM recheck_rounds WHERE id = %d AND status = 'finished'`, r.ID)) == 1
	})
}

// checkRound asserts from the database that the round is finished with
// every due household evaluated once and every query and answer row
// stored once, none missing; and that the audit chain is intact.
func (s *roundSetup) checkRound(r hedui.Round) {
	t := s.t
	t.Helper()
	id := strconv.FormatInt(r.ID, 10)
	checks := []struct {
		what  string
		query string
		want  int
	}{
		{"finished rounds", `SELECT COUNT(*) FROM recheck_rounds WHERE id = ` + id + ` AND status = 'finished' AND parts_done = parts`, 1},
		{"parts not done", `SELECT COUNT(*) FROM recheck_parts WHERE round_id = ` + id + ` AND status <> 'done'`, 0},
		{"households in the round", `SELECT COUNT(*) FROM recheck_households WHERE round_id = ` + id, s.due},
		{"results", `SELECT COUNT(*) FROM recheck_results WHERE round_id = ` + id, s.due},
		{"results per household", `SELECT COUNT(DISTINCT household_id) FROM recheck_results WHERE round_id = ` + id, s.due},
		{"households without a result", `SELECT COUNT(*) FROM recheck_households h LEFT JOIN recheck_results r
			ON r.round_id = h.round_id AND r.household_id = h.household_id WHERE h.round_id = ` + id + ` AND r.household_id IS NULL`, 0},
		{"queries", `SELECT COUNT(*) FROM recheck_queries WHERE round_id = ` + id, s.queries},
		{"queries unanswered", `SELECT COUNT(*) FROM recheck_queries WHERE round_id = ` + id + ` AND answered_at IS NULL`, 0},
		{"answers", `SELECT COALESCE(SUM(answers), 0) FROM recheck_answers WHERE round_id = ` + id, s.answers},
		{"answer records", `SELECT COUNT(*) FROM recheck_answers WHERE round_id = ` + id, s.queries},
		{"queries whose answers differ from those owed", `SELECT COUNT(*) FROM recheck_queries q WHERE q.round_id = ` + id + `
			AND q.expected <> (SELECT COALESCE(SUM(a.answers), 0) FROM recheck_answers a WHERE a.round_id = q.round_id
				AND a.household_id = q.household_id AND a.department_id = q.department_id)`, 0},
	}
	for _, c := range checks {
		if got := queryInt(t, s.db, c.query); got != c.want {
			t.Errorf("%s = %d, want %d", c.what, got, c.want)
		}
	}
	var total nodeWork
	for _, w := range s.work(r) {
		total = total.add(w)
	}
	// A part is saved once asked and again each time answers made it
	// ready, so only what is saved once for good is counted.
	total.saves, total.parts, total.households = 0, 0, 0
	if want := (nodeWork{done: r.Parts, queries: s.queries, evaluated: s.due}); total != want {
		t.Errorf("the nodes saved %+v in all, want %+v", total, want)
	}
	if t.Failed() {
		t.Log(s.logs())
	}
	// A node killed half-way must not have broken the audit chain.
	runHedui(t, s.bin, s.env, "", append([]string{"audit", "verify"}, s.store...)...)
}
