package benchcity

import (
	"context"
	"os"
	"testing"
)

// BenchmarkRecheckCity takes a city of 3,000 households (about 7,500
// recipients and 75,000 answer rows) through a whole round and through the
// floor, on SQLite and, when HEDUI_TEST_POSTGRES is set, PostgreSQL. It
// reports hedui's time as households/s and its ratio to the floor; `hedui
// bench recheck` runs the same at city size.
func BenchmarkRecheckCity(b *testing.B) {
	engines := []string{EngineSQLite}
	if os.Getenv("HEDUI_TEST_POSTGRES") != "" {
		engines = append(engines, EnginePostgres)
	}
	for _, engine := range engines {
		b.Run(engine, func(b *testing.B) {
			var households, ratio float64
			var hedui float64
			n := 0
			for b.Loop() {
				rep, err := Run(context.Background(), Options{Engine: engine, Households: 3000,
					Postgres: os.Getenv("HEDUI_TEST_POSTGRES"), Dir: b.TempDir()})
				if err != nil {
					b.Fatal(err)
				}
				if rep.Evaluated != rep.Households {
					b.Fatalf("%d of %d households evaluated", rep.Evaluated, rep.Households)
				}
				households += float64(rep.Households)
				hedui += rep.Hedui().Seconds()
				ratio += rep.Ratio()
				n++
			}
			b.ReportMetric(households/hedui, "households/s")
			b.ReportMetric(ratio/float64(n), "ratio")
		})
	}
}

// TestRunSmallCity runs a small city end to end on each engine: every
// household is evaluated, the floor matches every household, and the
// figures are there to print.
func TestRunSmallCity(t *testing.T) {
	for _, engine := range testEngines(t) {
		t.Run(engine, func(t *testing.T) {
			rep, err := Run(context.Background(), Options{Engine: engine, Households: 500,
				Postgres: os.Getenv("HEDUI_TEST_POSTGRES"), Dir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case rep.Evaluated != rep.Households || rep.Floor.Households != rep.Households:
				t.Fatalf("hedui evaluated %d, floor grouped %d, of %d households", rep.Evaluated, rep.Floor.Households, rep.Households)
			case rep.Hedui() <= 0 || rep.Floor.Total() <= 0 || rep.PeakRSS <= 0 || len(rep.Steps) != 3:
				t.Fatalf("incomplete report %+v", rep)
			}
		})
	}
}
