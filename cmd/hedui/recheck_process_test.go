package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/crypt"
	"hedui/deptsim"
	"hedui/sqlstore"
)

// TestRecheckTwoNodes runs two `hedui demo -node` processes on one fresh
// PostgreSQL schema, starts a round of some 300 households, kills one node in
// the middle, and checks that the other finishes the round with every
// query, answer and result stored exactly once (issue #7.7).
func TestRecheckTwoNodes(t *testing.T) {
	base := os.Getenv("HEDUI_TEST_POSTGRES")
	if base == "" || testing.Short() {
		t.Skip("HEDUI_TEST_POSTGRES is not set")
	}
	ctx := context.Background()
	dir := t.TempDir()
	bin := buildHedui(t)
	admin, err := sql.Open("pgx", base)
	noErr(t, err)
	defer admin.Close()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_nodes_" + hex.EncodeToString(b)
	_, err = admin.ExecContext(ctx, "CREATE SCHEMA "+schema)
	noErr(t, err)
	t.Cleanup(func() { admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE") })
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	dsn := base + sep + "search_path=" + schema
	keyFile := filepath.Join(dir, "master.key")
	kr, err := crypt.Create(keyFile)
	noErr(t, err)

	start := func(node string) (*exec.Cmd, *syncBuffer) {
		var out syncBuffer
		data := filepath.Join(dir, node)
		noErr(t, os.MkdirAll(data, 0o700))
		cmd := exec.Command(bin, "demo", "-db", dsn, "-key", keyFile, "-data", data, "-addr", "127.0.0.1:0",
			"-node", node, "-recheck-parts", "1", "-recheck-lease", "3s")
		cmd.Stdout, cmd.Stderr = &out, &out
		noErr(t, cmd.Start())
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		for deadline := time.Now().Add(3 * time.Minute); !urlRe.MatchString(out.String()); time.Sleep(100 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("node %s did not start:\n%s", node, out.String())
			}
		}
		return cmd, &out
	}
	a, _ := start("a") // seeds the demo; b starts on the seeded database
	_, outB := start("b")

	st, err := sqlstore.Open(ctx, dsn, sqlstore.Options{Keyring: kr, RecheckPartSize: 5})
	noErr(t, err)
	defer st.Close()
	u, err := st.User(ctx, "verifier.huanxian")
	noErr(t, err)
	by := hedui.ActorOf(u)
	today := hedui.Today(time.Now())
	pop := deptsim.Generate(deptsim.Config{Seed: 11, Households: 300, Townships: []string{"621022100"}})
	up := hedui.RollUpload{County: "621022", Mode: hedui.RollFull, FileName: "环县名册.csv", SHA256: "nodes"}
	up.Households = pop.Roll("621022")
	for i := range up.Households {
		h := &up.Households[i]
		h.Number, h.Category, h.Stable, h.Row = fmt.Sprintf("HX%05d", i), hedui.CategoryDibao, false, i+1
		h.Since, h.LetterUntil = hedui.Date{Time: today.AddDate(-2, 0, 0)}, hedui.Date{Time: today.AddDate(1, 0, 0)}
		up.Rows += len(h.Members)
	}
	_, err = st.ImportRoll(ctx, by, up)
	noErr(t, err)
	for _, c := range []hedui.Category{hedui.CategoryDibao, hedui.CategoryTekun} {
		_, err = st.PutRecheckSchedule(ctx, by, hedui.ExampleRecheckSchedule("621022", c, hedui.Date{Time: today.AddDate(-1, 0, 0)}))
		noErr(t, err)
	}
	r, err := st.StartRound(ctx, by, hedui.NewRound{Scope: "621022", AsOf: today})
	noErr(t, err)
	// The demo's own 特困 households of 环县 are due too.
	if r.Households < 300 || r.Parts < 60 {
		t.Fatalf("round = %+v", r)
	}
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		noErr(t, st.SQL().QueryRowContext(ctx, q, args...).Scan(&n))
		return n
	}
	// Kill a once it has saved some parts, while the round is running.
	for deadline := time.Now().Add(2 * time.Minute); count(`SELECT COUNT(*) FROM audit_log WHERE action = 'recheck.save' AND username = 'node:a'`) < 3; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("node a saved nothing")
		}
	}
	noErr(t, a.Process.Kill())
	a.Wait()
	if got, err := st.RoundProgress(ctx, by, r.ID); err != nil || got.Round.Status == hedui.RoundFinished {
		t.Fatalf("round finished before a was killed (%v): make it larger", err)
	}
	for deadline := time.Now().Add(3 * time.Minute); ; time.Sleep(200 * time.Millisecond) {
		p, err := st.RoundProgress(ctx, by, r.ID)
		noErr(t, err)
		if p.Round.Status == hedui.RoundFinished {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("b did not finish the round: %+v\n%s", p, outB.String())
		}
	}
	var depts, items int
	noErr(t, st.SQL().QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(LENGTH(items) - LENGTH(REPLACE(items, ',', '')) + 1), 0)
		FROM departments WHERE active AND ((level = 'county' AND division_code = '621022') OR (level = 'city' AND division_code = '621000'))`).Scan(&depts, &items))
	owed := items * count(`SELECT COUNT(*) FROM roll_members m JOIN recheck_households rh ON rh.household_id = m.roll_household_id
		WHERE rh.round_id = $1 AND m.status = 'active'`, r.ID)
	if got := count(`SELECT COUNT(*) FROM recheck_queries WHERE round_id = $1`, r.ID); got != r.Households*depts {
		t.Errorf("queries = %d, want %d", got, r.Households*depts)
	}
	if got := count(`SELECT COALESCE(SUM(answers), 0) FROM recheck_answers WHERE round_id = $1`, r.ID); got != owed {
		t.Errorf("answers = %d, want %d", got, owed)
	}
	if got := count(`SELECT COUNT(*) FROM recheck_results WHERE round_id = $1`, r.ID); got != r.Households {
		t.Errorf("results = %d, want %d", got, r.Households)
	}
	if got := count(`SELECT COUNT(*) FROM audit_log WHERE action = 'recheck.save' AND username = 'node:b'`); got == 0 {
		t.Error("node b saved nothing")
	}
}

func noErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
