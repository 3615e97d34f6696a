package benchcity

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"hedui"
	"hedui/demo"
	"hedui/deptsim"
	"hedui/exchange"
	"hedui/recheck"
	"hedui/sqlstore"

	"golang.org/x/sync/errgroup"
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
	Workers    WorkerTimes
}

// WorkerTimes split the round's work, summed over the workers (so with
// two workers they add up to about twice the step's time).
type WorkerTimes struct {
	Claim, Input time.Duration // leasing parts; reading their households
	// Departments is the simulated departments answering: their work, not
	// hedui's, though the workers ask them in process.
	Departments time.Duration
	Save        time.Duration // storing queries, answers, results and warnings
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
	} else if err := os.MkdirAll(opt.Dir, 0o700); err != nil {
		return rep, err
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
	if err := putSchedules(ctx, st, ups); err != nil {
		return rep, err
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
	if err := step("名册导入", func() error { return importRolls(ctx, st, sys, ups, opt.Workers) }); err != nil {
		return rep, err
	}
	ups = nil
	var round hedui.Round
	if err := step("启动轮次", func() (err error) {
		round, err = st.StartRound(ctx, cityVerifier, hedui.NewRound{Scope: demo.City, AsOf: hedui.DateOf(Day)})
		return err
	}); err != nil {
		return rep, err
	}
	if err := step("调取、入库、比对、结论", func() error { return work(ctx, st, c, opt.Workers, &rep.Workers) }); err != nil {
		return rep, err
	}
	p, err := st.RoundProgress(ctx, cityVerifier, round.ID)
	if err != nil {
		return rep, err
	}
	if p.Round.Status != hedui.RoundFinished || p.Overall.Evaluated != rep.Households {
		return rep, fmt.Errorf("benchcity: round %d %s with %d of %d households evaluated", round.ID, p.Round.Status,
			p.Overall.Evaluated, rep.Households)
	}
	rep.Evaluated = p.Overall.Evaluated
	ws, err := st.Warnings(ctx, cityVerifier, hedui.WarningFilter{RoundID: round.ID, Limit: 1})
	if err != nil {
		return rep, err
	}
	rep.Warnings = ws.Total

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

// importRolls imports the counties' rolls as the counties would send them:
// each on its own, up to workers at a time (as many as there are nodes to
// receive them).
func importRolls(ctx context.Context, st *sqlstore.DB, by hedui.Actor, ups []hedui.RollUpload, workers int) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(max(1, workers))
	for _, up := range ups {
		g.Go(func() error {
			imp, err := st.ImportRoll(ctx, by, up)
			if err != nil {
				return err
			}
			if len(imp.Problems) > 0 || imp.Added != len(up.Households) {
				return fmt.Errorf("county %s: %d of %d households added, problems %v", up.County, imp.Added, len(up.Households), imp.Problems)
			}
			return nil
		})
	}
	return g.Wait()
}

func runFloor(ctx context.Context, tg target, fd FloorData, keep bool) (FloorResult, error) {
	if tg.engine == EnginePostgres {
		return FloorPostgres(ctx, tg.floor, fd, keep)
	}
	return FloorSQLite(ctx, tg.floor, fd)
}

// cityVerifier is the city centre's verifier, who starts a round over the
// whole city.
var cityVerifier = hedui.Actor{Username: "bench.city", Role: hedui.RoleVerifier, Division: demo.City, Level: hedui.LevelCity,
	Purpose: "基准测试"}

// putSchedules sets the example schedule (示例) of every county and category.
func putSchedules(ctx context.Context, st *sqlstore.DB, ups []hedui.RollUpload) error {
	from := hedui.DateOf(Day.AddDate(-5, 0, 0))
	for _, up := range ups {
		for _, c := range []hedui.Category{hedui.CategoryDibao, hedui.CategoryTekun} {
			if _, err := st.PutRecheckSchedule(ctx, cityVerifier, hedui.ExampleRecheckSchedule(up.County, c, from)); err != nil {
				return err
			}
		}
	}
	return nil
}

// work runs workers nodes until the round's parts are all done. Each is a
// node of its own, as separate processes on one database would be; the
// simulated departments answer in process.
func work(ctx context.Context, st *sqlstore.DB, c *City, workers int, wt *WorkerTimes) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sim := &timedAdapter{Adapter: deptsim.NewAdapter(c.Pop, deptsim.Behaviour{}, nil)}
	ws := &workStore{Store: st, serial: st.Engine() == EngineSQLite}
	defer func() {
		*wt = WorkerTimes{Claim: time.Duration(ws.claim.Load()), Input: time.Duration(ws.input.Load()),
			Departments: time.Duration(sim.spent.Load()), Save: time.Duration(ws.save.Load())}
	}()
	errs := make(chan error, workers)
	for i := range workers {
		w := recheck.NewWorker(ws, recheck.Options{Node: fmt.Sprintf("bench-%d", i+1),
			Adapters: map[hedui.Channel]exchange.Adapter{hedui.ChannelSimulator: sim}})
		go func() {
			for {
				n, err := w.RunOnce(ctx)
				if err != nil || n == 0 {
					errs <- err
					return
				}
			}
		}()
	}
	var first error
	for range workers {
		if err := <-errs; err != nil && first == nil {
			first = err
			cancel()
		}
	}
	return first
}

// workStore times the workers' calls to the store, summed over the
// workers, and on SQLite queues their writes in process: SQLite has one
// writer at a time, and left to itself a second one polls its busy
// timeout and, when a save of thousands of households outlasts it, fails
// and redoes its whole claim. Reading the input and asking the
// departments still overlap with another worker's save.
type workStore struct {
	recheck.Store
	serial             bool
	mu                 sync.Mutex
	claim, input, save atomic.Int64
}

func (w *workStore) timed(total *atomic.Int64, write bool, f func() error) error {
	if write && w.serial {
		w.mu.Lock()
		defer w.mu.Unlock()
	}
	start := time.Now()
	defer func() { total.Add(int64(time.Since(start))) }()
	return f()
}

func (w *workStore) ClaimRecheckParts(ctx context.Context, node string, max int, lease time.Duration) (ps []hedui.RecheckPart, err error) {
	err = w.timed(&w.claim, true, func() error {
		ps, err = w.Store.ClaimRecheckParts(ctx, node, max, lease)
		return err
	})
	return ps, err
}

func (w *workStore) RecheckInput(ctx context.Context, parts []hedui.RecheckPart) (in hedui.RecheckInput, err error) {
	err = w.timed(&w.input, false, func() error {
		in, err = w.Store.RecheckInput(ctx, parts)
		return err
	})
	return in, err
}

func (w *workStore) SaveRecheckParts(ctx context.Context, node string, parts []hedui.RecheckPart, out hedui.RecheckOutput) error {
	return w.timed(&w.save, true, func() error { return w.Store.SaveRecheckParts(ctx, node, parts, out) })
}

// timedAdapter sums the time the simulated departments spend answering:
// their work, not hedui's, though it runs inside hedui's round.
type timedAdapter struct {
	exchange.Adapter
	spent atomic.Int64
}

func (t *timedAdapter) Send(ctx context.Context, d hedui.Department, qs []hedui.Query) (exchange.Result, error) {
	start := time.Now()
	defer func() { t.spent.Add(int64(time.Since(start))) }()
	return t.Adapter.Send(ctx, d, qs)
}
