package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"

	"hedui/benchcity"
)

// runBench runs the city-scale benchmarks: `hedui bench recheck` takes a
// synthetic city through a whole re-verification round and through the
// plain-SQL floor (package benchcity).
func runBench(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 || args[0] != "recheck" {
		return e.errorf("用法: hedui bench recheck [-households N | -sizes N1,N2] [-db sqlite|postgres|sqlite,postgres] [-pg URL] [-dir DIR] [-keep] [-cpuprofile FILE] [-memprofile FILE]")
	}
	fs := flag.NewFlagSet("bench recheck", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	households := fs.Int("households", 120000, "households in the city (2.5 recipients and about 25 answer rows each)")
	sizes := fs.String("sizes", "", "several city sizes in households, comma-separated (e.g. 12000,120000), to see time grow with size")
	engines := fs.String("db", benchcity.EngineSQLite, "engine: sqlite, postgres, or both comma-separated")
	pg := fs.String("pg", envOr("HEDUI_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"),
		"PostgreSQL URL; the run creates and drops the schemas hedui_bench_PID and bench_floor_PID there (env HEDUI_BENCH_POSTGRES)")
	dir := fs.String("dir", "", "directory for the SQLite files and the floor's input (default a temporary one)")
	keep := fs.Bool("keep", false, "keep the databases and files after the run")
	workers := fs.Int("workers", 0, "round workers (default the number of processors)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	memprofile := fs.String("memprofile", "", "write a profile of the whole run's allocations to this file at its end")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	ns := []int{*households}
	if *sizes != "" {
		ns = ns[:0]
		for _, f := range strings.Split(*sizes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n <= 0 {
				return e.errorf("-sizes: %q 不是户数", f)
			}
			ns = append(ns, n)
		}
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return e.errorf("%v", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return e.errorf("%v", err)
		}
		defer pprof.StopCPUProfile()
	}
	if *memprofile != "" {
		defer func() {
			f, err := os.Create(*memprofile)
			if err == nil {
				err = errors.Join(pprof.Lookup("allocs").WriteTo(f, 0), f.Close())
			}
			if err != nil {
				fmt.Fprintf(e.stderr, "-memprofile: %v\n", err)
			}
		}()
	}
	for _, engine := range strings.Split(*engines, ",") {
		var reps []benchcity.Report
		for _, n := range ns {
			// Give the last run's heap back first: the peak then starts
			// from what this run holds, not from the previous city.
			debug.FreeOSMemory()
			benchcity.ResetPeakRSS()
			rep, err := benchcity.Run(ctx, benchcity.Options{Engine: strings.TrimSpace(engine), Households: n,
				Postgres: *pg, Dir: *dir, Keep: *keep, Workers: *workers, Log: e.stderr})
			if err != nil {
				return e.errorf("%v", err)
			}
			rep.Print(e.stdout)
			reps = append(reps, rep)
		}
		benchcity.PrintScaling(e.stdout, reps)
	}
	fmt.Fprintln(e.stdout)
	return 0
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
