package benchcity

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestFloor loads a small city on each engine and checks that the match
// finds every household with all its answers.
func TestFloor(t *testing.T) {
	ctx := context.Background()
	c := NewCity(300, Day)
	dir := t.TempDir()
	fd, err := WriteFloorData(dir, c, countyItems)
	if err != nil {
		t.Fatal(err)
	}
	if want := c.People() * len(countyItems); fd.Rows != want {
		t.Fatalf("%d answer rows written, want %d", fd.Rows, want)
	}
	engines := map[string]func() (FloorResult, error){
		"sqlite": func() (FloorResult, error) { return FloorSQLite(ctx, filepath.Join(dir, "floor.db"), fd) },
	}
	if url := os.Getenv("HEDUI_TEST_POSTGRES"); url != "" {
		engines["postgres"] = func() (FloorResult, error) { return FloorPostgres(ctx, url, fd, false) }
	} else {
		t.Log("HEDUI_TEST_POSTGRES not set: PostgreSQL floor skipped")
	}
	for name, run := range engines {
		t.Run(name, func(t *testing.T) {
			res, err := run()
			if err != nil {
				t.Fatal(err)
			}
			if res.Households != c.Households() || res.Rows != fd.Rows || res.Total() <= 0 {
				t.Fatalf("floor %+v; want %d households, %d rows", res, c.Households(), fd.Rows)
			}
		})
	}
}
