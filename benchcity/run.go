package benchcity

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"time"

	"hedui"
	"hedui/sqlstore"
)

// Step is one timed stage of hedui's round.
type Step struct {
	Name string
	Time time.Duration
}

// Report is what one run measured.
type Report struct {
	Engine     string
	Households int
	People     int
	AnswerRows int           // rows the departments answer (member × item)
	Generate   time.Duration // the city and the floor's files, not timed against the floor
	Steps      []Step        // hedui, end to end
	Floor      FloorResult
	PeakRSS    int64 // bytes, the whole process: city, hedui and floor
	Evaluated  int   // households hedui evaluated
	Warnings   int   // of which on the warning list
}

// Hedui is hedui's end-to-end time: every step.
func (r Report) Hedui() time.Duration {
	var d time.Duration
	for _, s := range r.Steps {
		d += s.Time
	}
	return d
}

// Ratio is hedui's time over the floor's.
func (r Report) Ratio() float64 {
	if r.Floor.Total() <= 0 {
		return 0
	}
	return r.Hedui().Seconds() / r.Floor.Total().Seconds()
}

// Run generates a city of opt.Households households, takes it through a
// whole round in hedui, then through the floor, on one engine.
func Run(ctx context.Context, opt Options) (Report, error) {
	rep := Report{Engine: opt.Engine, Households: opt.Households}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Dir == "" {
		dir, err := os.MkdirTemp("", "hedui-bench-")
		if err != nil {
			return rep, err
		}
		opt.Dir = dir
		if !opt.Keep {
			defer os.RemoveAll(dir)
		}
	}
	tg, err := newTarget(opt)
	if err != nil {
		return rep, err
	}
	logf := func(format string, a ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", a...)
		}
	}

	start := time.Now()
	c := NewCity(opt.Households, Day)
	rep.People = c.People()
	items := CountyItems()
	fd, err := WriteFloorData(opt.Dir, c, items)
	if err != nil {
		return rep, err
	}
	rep.AnswerRows = fd.Rows
	ups, err := c.RollUploads()
	if err != nil {
		return rep, err
	}
	rep.Generate = time.Since(start)
	logf("城市：%d户 %d人，部门反馈%d行（生成 %s）", rep.Households, rep.People, rep.AnswerRows, rep.Generate.Round(time.Millisecond))

	st, err := openStore(ctx, tg, Day)
	if err != nil {
		return rep, err
	}
	defer st.Close()
	if !opt.Keep {
		defer tg.resetSchema(context.Background(), false)
	}
	runtime.GC()
	step := func(name string, f func() error) error {
		t0 := time.Now()
		if err := f(); err != nil {
			return fmt.Errorf("benchcity: %s: %w", name, err)
		}
		rep.Steps = append(rep.Steps, Step{name, time.Since(t0)})
		logf("  %s %s", name, time.Since(t0).Round(time.Millisecond))
		return nil
	}
	sys := hedui.SystemActor("基准测试")
	if err := step("名册导入", func() error { return importRolls(ctx, st, sys, ups) }); err != nil {
		return rep, err
	}
	ups = nil

	if rep.PeakRSS, err = PeakRSS(); err != nil {
		return rep, err
	}
	if rep.Floor, err = runFloor(ctx, tg, fd, opt.Keep); err != nil {
		return rep, err
	}
	logf("  纯SQL下限 %s（载入 %s，匹配 %s）", rep.Floor.Total().Round(time.Millisecond),
		rep.Floor.Load.Round(time.Millisecond), rep.Floor.Match.Round(time.Millisecond))
	return rep, nil
}

func importRolls(ctx context.Context, st *sqlstore.DB, by hedui.Actor, ups []hedui.RollUpload) error {
	for _, up := range ups {
		imp, err := st.ImportRoll(ctx, by, up)
		if err != nil {
			return err
		}
		if len(imp.Problems) > 0 || imp.Added != len(up.Households) {
			return fmt.Errorf("county %s: %d of %d households added, problems %v", up.County, imp.Added, len(up.Households), imp.Problems)
		}
	}
	return nil
}

func runFloor(ctx context.Context, tg target, fd FloorData, keep bool) (FloorResult, error) {
	if tg.engine == EnginePostgres {
		return FloorPostgres(ctx, tg.floor, fd, keep)
	}
	return FloorSQLite(ctx, tg.floor, fd)
}
