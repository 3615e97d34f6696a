package main

import (
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"hedui/demo"
	"hedui/deptsim"
	"hedui/division"
	"hedui/exchange/batchfile"
	"hedui/exchange/online"
)

// runDeptsim runs simulated departments for a synthetic population, for
// trying the exchange channels against something that answers: over the
// online interface (-addr, which needs the centre's secret), and as answer
// files for the batch channel (-outbox and -inbox). Either or both: given
// the folders and neither -addr nor -centre-secret, it answers files
// alone; -addr "" turns the online interface off.
func runDeptsim(ctx context.Context, args []string, e *env) int {
	fs := flag.NewFlagSet("deptsim", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	addr := fs.String("addr", "127.0.0.1:8090", `listen address of the online interface; "" serves no online interface`)
	seed := fs.Uint64("seed", demo.SimSeed, "population seed (the demo's by default)")
	households := fs.Int("households", 1000, "households in the population")
	epoch := fs.String("epoch", "", "date the population is generated as of, 2006-01-02 (default today)")
	demoData := fs.String("demo-data", "", "answer for the demo's cases: use the population of the demo in this data directory (overrides -seed, -households, -epoch)")
	secret := fs.String("centre-secret", os.Getenv("HEDUI_EXCHANGE_SECRET"), "base64 HMAC secret the centre signs with (env HEDUI_EXCHANGE_SECRET); needed for the online interface only, which with -outbox/-inbox is served only if -addr or -centre-secret is given")
	keyID := fs.String("centre-key-id", "centre", "key id the centre signs with")
	var ff deptsimFileFlags
	ff.register(fs)
	var b deptsim.Behaviour
	fs.DurationVar(&b.Latency, "latency", 0, "added to every online answer; a request file is answered once it is this old")
	fs.Float64Var(&b.ErrorRate, "error-rate", 0, "share of requests answered 503 (files: queries left for the next pass)")
	fs.Float64Var(&b.SilenceRate, "silence-rate", 0, "share of queries accepted and never answered")
	fs.Float64Var(&b.GarbageRate, "garbage-rate", 0, "share of requests answered with garbage (files: like -error-rate)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	files, err := ff.enabled()
	if err != nil {
		return e.errorf("%v", err)
	}
	// Serving online needs the centre's key. Given only the folders, the
	// files are all that is asked for.
	serveOnline := *addr != "" && !ff.once && (!files || set["addr"] || set["centre-secret"])
	switch {
	case ff.once && set["addr"] && *addr != "":
		return e.errorf("-once 只答复一次批量文件后退出，不能同时提供在线接口 -addr")
	case !serveOnline && !files:
		return e.errorf("没有要模拟的通道：请用 -addr 提供在线接口，或用 -outbox 和 -inbox 答复批量文件")
	case serveOnline && *secret == "":
		return e.errorf("请用 -centre-secret 或 HEDUI_EXCHANGE_SECRET 提供核对中心的签名密钥（base64）")
	}
	var key []byte
	if serveOnline {
		if key, err = base64.StdEncoding.DecodeString(*secret); err != nil {
			return e.errorf("签名密钥不是有效的base64：%v", err)
		}
	}
	now := time.Now()
	if *epoch != "" {
		if now, err = time.Parse(time.DateOnly, *epoch); err != nil {
			return e.errorf("-epoch 应为日期，如 2026-11-26")
		}
	}
	b.Seed = *seed
	var pop *deptsim.Population
	if *demoData != "" {
		if _, err := os.Stat(filepath.Join(*demoData, "demo.json")); err != nil {
			return e.errorf("%s 不是演示数据目录（没有 demo.json）：先运行 hedui demo -data %s", *demoData, *demoData)
		}
		ep, err := demo.Epoch(*demoData, now)
		if err != nil {
			return e.errorf("%v", err)
		}
		ds, err := division.Qingyang()
		if err != nil {
			return e.errorf("%v", err)
		}
		// The applicants and, as hedui demo has them, the recipients on
		// the rolls: a round's files ask about them.
		pop, b.Seed = demo.Population(ep, demoHouseholds), demo.SimSeed
		pop.Merge(demo.RollPopulation(ep, ds))
	} else {
		pop = deptsim.Generate(deptsim.Config{Seed: *seed, Households: *households, Now: now})
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))

	var fd *deptsim.FileDepartment
	if files {
		if fd, err = ff.department(pop, b, log); err != nil {
			return e.errorf("%v", err)
		}
		if ff.once {
			return deptsimFilesOnce(ctx, fd, e)
		}
	}
	filesReady := func() {
		if fd != nil {
			fmt.Fprintf(e.stdout, "批量文件：从 %s 读取请求文件，答复文件写入 %s，每%s检查一次\n", fd.Outbox, fd.Inbox, ff.interval)
		}
	}
	if !serveOnline {
		fmt.Fprintf(e.stdout, "模拟部门已启动（%d户、%d人的合成人口，种子%d）\n", len(pop.Households), pop.People(), *seed)
		filesReady()
		fd.Run(ctx, ff.interval)
		fmt.Fprintln(e.stdout, "模拟部门已停止")
		return 0
	}

	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // runs before wg.Wait: ends the file loop also when serving fails
	if fd != nil {
		wg.Go(func() { fd.Run(ctx, ff.interval) })
	}

	ds, err := division.Qingyang()
	if err != nil {
		return e.errorf("%v", err)
	}
	centre := online.NewVerifier()
	if err := centre.AddHMAC(*keyID, key); err != nil {
		return e.errorf("%v", err)
	}
	signer, err := online.NewHMACSigner(*keyID, key)
	if err != nil {
		return e.errorf("%v", err)
	}
	var depts []deptsim.Department
	for _, d := range demo.Departments(ds) {
		depts = append(depts, deptsim.Department{Code: d.Code, Items: d.Items, Behaviour: b})
	}
	srv, err := deptsim.NewServer(pop, deptsim.ServerConfig{Departments: depts, Centre: centre, Signer: signer, Logger: log})
	if err != nil {
		return e.errorf("%v", err)
	}
	defer srv.Close()
	return listenAndServe(ctx, *addr, srv, log, func(url string) {
		fmt.Fprintf(e.stdout, "模拟部门已启动：%s（%d户、%d人的合成人口，种子%d）\n", url, len(pop.Households), pop.People(), *seed)
		fmt.Fprintf(e.stdout, "部门接口地址为 %s/<部门代码>，例如 %s%s\n", url, url, deptsim.EndpointPath(depts[0].Code))
		filesReady()
	}, e)
}

// deptsimFileFlags say where the batch channel's request and answer files
// are, and how often to look.
type deptsimFileFlags struct {
	outbox, inbox string
	format        string
	interval      time.Duration
	once          bool
}

func (f *deptsimFileFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.outbox, "outbox", "", "answer the request files in this folder: the centre's batch-channel outbox, DATA/exchange/outbox by default (hedui serve/demo -exchange-dir moves it)")
	fs.StringVar(&f.inbox, "inbox", "", "write answer files into this folder: the centre's batch-channel inbox, DATA/exchange/inbox by default")
	fs.StringVar(&f.format, "format", "", "answer-file format, xlsx or csv (default: the request file's)")
	fs.DurationVar(&f.interval, "interval", 5*time.Second, "how often the outbox is checked for request files")
	fs.BoolVar(&f.once, "once", false, "answer the request files now in the outbox once, then exit")
}

// enabled reports whether files are to be answered, and refuses half a
// configuration.
func (f *deptsimFileFlags) enabled() (bool, error) {
	switch {
	case f.outbox == "" && f.inbox == "":
		if f.once {
			return false, fmt.Errorf("-once 需要同时提供 -outbox 和 -inbox")
		}
		return false, nil
	case f.outbox == "" || f.inbox == "":
		return false, fmt.Errorf("答复批量文件需要同时提供 -outbox（核对中心的请求文件目录）和 -inbox（核对中心的反馈文件目录）")
	case f.format != "" && !batchfile.Format(f.format).Valid():
		return false, fmt.Errorf("-format 应为 xlsx 或 csv")
	case f.interval <= 0:
		return false, fmt.Errorf("-interval 应为正的时长，如 5s")
	}
	return true, nil
}

// department is the file department the flags describe; it creates the
// folders if the centre has not yet.
func (f *deptsimFileFlags) department(pop *deptsim.Population, b deptsim.Behaviour, log *slog.Logger) (*deptsim.FileDepartment, error) {
	for _, dir := range []string{f.outbox, f.inbox} {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("无法创建目录 %s：%v", dir, err)
		}
	}
	return &deptsim.FileDepartment{Pop: pop, Outbox: f.outbox, Inbox: f.inbox, Format: batchfile.Format(f.format),
		Behaviour: b, Logger: log}, nil
}

// deptsimFilesOnce answers what is in the outbox now.
func deptsimFilesOnce(ctx context.Context, fd *deptsim.FileDepartment, e *env) int {
	n, err := fd.RunOnce(ctx)
	fmt.Fprintf(e.stdout, "已答复%d个查询，答复文件在 %s\n", n, fd.Inbox)
	if err != nil {
		return e.errorf("部分请求文件未能答复：%v", err)
	}
	return 0
}
