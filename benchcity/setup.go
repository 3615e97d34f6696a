package benchcity

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"hedui"
	"hedui/crypt"
	"hedui/demo"
	"hedui/division"
	"hedui/sqlstore"
)

// Engines are the engines a benchmark runs on.
const (
	EngineSQLite   = "sqlite"
	EnginePostgres = "postgres"
)

// benchSchema and floorSchema are the PostgreSQL schemas of hedui's
// tables and of the floor's, named for the process so that two runs (a
// benchmark and a test) on one database do not drop each other's.
var (
	benchSchema = fmt.Sprintf("hedui_bench_%d", os.Getpid())
	floorSchema = fmt.Sprintf("bench_floor_%d", os.Getpid())
)

// target is where one run keeps its data.
type target struct {
	engine string
	dsn    string // hedui's store
	floor  string // the floor's: a SQLite file or a PostgreSQL URL
	admin  string // PostgreSQL: the URL the schemas are made with
}

func newTarget(opt Options) (target, error) {
	switch opt.Engine {
	case EngineSQLite:
		hd, fl := filepath.Join(opt.Dir, "hedui.db"), filepath.Join(opt.Dir, "floor.db")
		for _, f := range []string{hd, hd + "-wal", hd + "-shm", fl, fl + "-wal", fl + "-shm"} {
			if err := os.Remove(f); err != nil && !os.IsNotExist(err) {
				return target{}, err
			}
		}
		return target{engine: opt.Engine, dsn: hd, floor: fl}, nil
	case EnginePostgres:
		if opt.Postgres == "" {
			return target{}, fmt.Errorf("benchcity: no PostgreSQL URL")
		}
		sep := "?"
		if strings.Contains(opt.Postgres, "?") {
			sep = "&"
		}
		return target{engine: opt.Engine, dsn: opt.Postgres + sep + "search_path=" + benchSchema,
			floor: opt.Postgres, admin: opt.Postgres}, nil
	}
	return target{}, fmt.Errorf("benchcity: unknown engine %q (sqlite or postgres)", opt.Engine)
}

// resetSchema drops and recreates hedui's schema on PostgreSQL.
func (t target) resetSchema(ctx context.Context, create bool) error {
	if t.engine != EnginePostgres {
		return nil
	}
	db, err := sql.Open("pgx", t.admin)
	if err != nil {
		return err
	}
	defer db.Close()
	stmts := []string{"DROP SCHEMA IF EXISTS " + benchSchema + " CASCADE"}
	if create {
		stmts = append(stmts, "CREATE SCHEMA "+benchSchema)
	}
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("benchcity: %s: %w", s, err)
		}
	}
	return nil
}

// openStore creates an empty, migrated store with the reference data a
// round needs: divisions, centres, the county departments (all answered
// in process by the simulator), the example policies and schedules.
func openStore(ctx context.Context, t target, now time.Time) (*sqlstore.DB, error) {
	if err := t.resetSchema(ctx, true); err != nil {
		return nil, err
	}
	kr, err := crypt.New(crypt.GenerateKey())
	if err != nil {
		return nil, err
	}
	start := time.Now()
	clock := func() time.Time { return now.Add(time.Since(start)) } // the city's day, running
	st, err := sqlstore.Open(ctx, t.dsn, sqlstore.Options{Keyring: kr, Now: clock})
	if err != nil {
		return nil, err
	}
	if err := seed(ctx, st, now); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

func seed(ctx context.Context, st *sqlstore.DB, now time.Time) error {
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	if err := demo.SeedReference(ctx, st); err != nil {
		return err
	}
	ds, err := division.Qingyang()
	if err != nil {
		return err
	}
	sys := hedui.SystemActor("基准测试")
	for _, d := range demo.Departments(ds) {
		if d.Level != hedui.LevelCounty {
			continue // the city's departments are asked quarterly, not in a round
		}
		d.Channel = hedui.ChannelSimulator
		if _, err := st.CreateDepartment(ctx, sys, d); err != nil {
			return fmt.Errorf("benchcity: department %s: %w", d.Code, err)
		}
	}
	return demo.SeedPolicies(ctx, st)
}

// CountyItems are the items the county departments answer, in their
// order: what a round asks about every member.
func CountyItems() []hedui.Item {
	ds, err := division.Qingyang()
	if err != nil {
		panic("benchcity: " + err.Error()) // compiled-in data
	}
	var items []hedui.Item
	seen := map[hedui.Item]bool{}
	for _, d := range demo.Departments(ds) {
		if d.Level != hedui.LevelCounty {
			continue
		}
		for _, it := range d.Items {
			if !seen[it] {
				seen[it] = true
				items = append(items, it)
			}
		}
	}
	return items
}
