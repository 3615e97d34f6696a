// Command gen writes workday/official.go, the seed table of State Council
// holiday notices, from the tables of github.com/6tail/lunar-go.
//
// Run it from the workday directory with
//
//	go generate
//
// or from the module root with
//
//	go run ./workday/internal/gen -o workday/official.go
//
// lunar-go is read only here, once, at generation time. Its HolidayUtil
// package keeps its data in package-level variables that HolidayUtil.Fix
// rewrites without locking, so the runtime package ships a frozen copy
// instead of importing it.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

const lunarModule = "github.com/6tail/lunar-go"

// Defaults of the -from and -to flags; the tests check these years.
const (
	defaultFrom = 2015
	defaultTo   = 2027
)

func main() {
	from := flag.Int("from", defaultFrom, "first notice year to include")
	to := flag.Int("to", defaultTo, "last notice year to include")
	out := flag.String("o", "", "write to this file instead of standard output")
	flag.Parse()

	src, err := generate(*from, *to)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := write(*out, src); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// write goes through a temporary file so that a failed run never leaves a
// truncated official.go behind, which a shell redirect would.
func write(path string, src []byte) error {
	if path == "" {
		_, err := os.Stdout.Write(src)
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".official-*.go.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, bytes.NewReader(src)); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// entry is one line of a notice as lunar-go records it.
type entry struct {
	notice int // year of the notice that announced the entry
	date   time.Time
	work   bool
	name   string
}

// collect groups lunar-go's records by the year of the notice that announced
// them, which lunar-go gives as the year of the record's target holiday. The
// two differ for the New Year arrangement: the 2019 notice, for example,
// made 2018-12-29 a working day and 2018-12-31 a holiday.
func collect(from, to int) ([]entry, error) {
	if from > to {
		return nil, fmt.Errorf("-from %d is after -to %d", from, to)
	}
	var entries []entry
	for y := from - 1; y <= to; y++ {
		for e := HolidayUtil.GetHolidaysByYear(y).Front(); e != nil; e = e.Next() {
			h, ok := e.Value.(*HolidayUtil.Holiday)
			if !ok {
				return nil, fmt.Errorf("unexpected element %T in lunar-go's list", e.Value)
			}
			date, err := time.Parse(time.DateOnly, h.GetDay())
			if err != nil {
				return nil, fmt.Errorf("lunar-go record %q: %w", h, err)
			}
			target, err := time.Parse(time.DateOnly, h.GetTarget())
			if err != nil {
				return nil, fmt.Errorf("lunar-go record %q: %w", h, err)
			}
			notice := target.Year()
			if notice < from || notice > to {
				continue
			}
			if date.Year() != notice && !(date.Year() == notice-1 && date.Month() == time.December) {
				return nil, fmt.Errorf("lunar-go record %q lies outside its notice year %d", h, notice)
			}
			entries = append(entries, entry{notice: notice, date: date, work: h.IsWork(), name: h.GetName()})
		}
	}
	sort.SliceStable(entries, func(i, j int) bool {
		if entries[i].notice != entries[j].notice {
			return entries[i].notice < entries[j].notice
		}
		return entries[i].date.Before(entries[j].date)
	})

	seen := make(map[time.Time]bool)
	have := make(map[int]bool)
	for _, e := range entries {
		if seen[e.date] {
			return nil, fmt.Errorf("lunar-go lists %s twice", e.date.Format(time.DateOnly))
		}
		seen[e.date] = true
		have[e.notice] = true
		if wd := e.date.Weekday(); e.work && wd != time.Saturday && wd != time.Sunday {
			return nil, fmt.Errorf("lunar-go marks %s, a %s, as an adjusted working day", e.date.Format(time.DateOnly), wd)
		}
	}
	// A year without records would silently become "Monday to Friday" at
	// run time, the very guess the package exists to avoid.
	for y := from; y <= to; y++ {
		if !have[y] {
			return nil, fmt.Errorf("lunar-go has no holiday records for %d", y)
		}
	}
	return entries, nil
}

func lunarVersion() (string, error) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", errors.New("no build information; run with go run or go generate")
	}
	for _, m := range info.Deps {
		if m.Path == lunarModule {
			if m.Replace != nil {
				return m.Replace.Path + " " + m.Replace.Version, nil
			}
			return m.Version, nil
		}
	}
	return "", fmt.Errorf("%s is not in the build", lunarModule)
}

func generate(from, to int) ([]byte, error) {
	entries, err := collect(from, to)
	if err != nil {
		return nil, err
	}
	version, err := lunarVersion()
	if err != nil {
		return nil, err
	}

	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by workday/internal/gen from %s %s; DO NOT EDIT.\n\n", lunarModule, version)
	b.WriteString("package workday\n\n")
	b.WriteString("import \"time\"\n\n")
	fmt.Fprintf(&b, "// official is the seed of New: the State Council notices for %d to %d,\n", from, to)
	b.WriteString("// keyed by notice year, as recorded in lunar-go's HolidayUtil tables.\n")
	b.WriteString("var official = map[int][]Day{\n")
	notice := 0
	for _, e := range entries {
		if e.notice != notice {
			if notice != 0 {
				b.WriteString("},\n")
			}
			notice = e.notice
			fmt.Fprintf(&b, "%d: {\n", notice)
		}
		kind := "Holiday"
		if e.work {
			kind = "Workday"
		}
		fmt.Fprintf(&b, "{Date: Date(%d, time.%s, %d), Kind: %s, Name: %q},\n",
			e.date.Year(), e.date.Month(), e.date.Day(), kind, e.name)
	}
	b.WriteString("},\n}\n")

	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting generated code: %w", err)
	}
	return src, nil
}
