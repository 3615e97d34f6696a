package benchcity

import (
	"io"
	"time"
)

// Day is the day every benchmark city lives on, so that the same size
// gives the same city whenever it runs (a weekday of a year the holiday
// calendar covers).
var Day = time.Date(2026, time.November, 27, 9, 0, 0, 0, time.UTC)

// Options configure one run.
type Options struct {
	Engine     string // EngineSQLite or EnginePostgres
	Households int
	// Postgres is the URL of the database the run creates its schemas in
	// (hedui_bench_PID for hedui, bench_floor_PID for the floor).
	Postgres string
	// Dir holds the SQLite files and the floor's input files.
	Dir string
	// Keep leaves the data in place after the run, to look at.
	Keep bool
	// Workers is the number of round workers; default the processors.
	Workers int
	// Log, if set, gets a line per step as the run goes.
	Log io.Writer
}
