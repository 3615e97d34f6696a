package benchcity

import (
	"context"
	"os"
	"testing"

	"hedui"
)

// TestRollImports imports a small city's roll on each engine: every
// household is added, none is rejected.
func TestRollImports(t *testing.T) {
	ctx := context.Background()
	c := NewCity(400, Day)
	ups, err := c.RollUploads()
	if err != nil {
		t.Fatal(err)
	}
	for _, engine := range testEngines(t) {
		t.Run(engine, func(t *testing.T) {
			tg, err := newTarget(Options{Engine: engine, Dir: t.TempDir(), Postgres: os.Getenv("HEDUI_TEST_POSTGRES")})
			if err != nil {
				t.Fatal(err)
			}
			st, err := openStore(ctx, tg, Day)
			if err != nil {
				t.Fatal(err)
			}
			defer tg.resetSchema(ctx, false)
			defer st.Close()
			added := 0
			for _, up := range ups {
				imp, err := st.ImportRoll(ctx, hedui.SystemActor("测试"), up)
				if err != nil {
					t.Fatal(err)
				}
				if len(imp.Problems) > 0 {
					t.Fatalf("county %s: problems %v", up.County, imp.Problems)
				}
				added += imp.Added
			}
			if added != c.Households() {
				t.Fatalf("%d households added, want %d", added, c.Households())
			}
		})
	}
}

// testEngines are SQLite, and PostgreSQL when HEDUI_TEST_POSTGRES is set.
func testEngines(t *testing.T) []string {
	if os.Getenv("HEDUI_TEST_POSTGRES") == "" {
		t.Log("HEDUI_TEST_POSTGRES not set: PostgreSQL skipped")
		return []string{EngineSQLite}
	}
	return []string{EngineSQLite, EnginePostgres}
}
