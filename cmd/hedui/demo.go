package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"text/tabwriter"
	"time"

	"hedui"
	"hedui/demo"
	"hedui/deptsim"
	"hedui/division"
	"hedui/exchange"
	"hedui/password"
)

// demoHouseholds is the size of the demo's synthetic population: a few
// dozen applications at every stage.
const demoHouseholds = 36

// demoConclusions is how many answered cases the demo evaluates at start.
const demoConclusions = 6

func runDemo(ctx context.Context, args []string, e *env) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var sf storeFlags
	sf.register(fs, "./hedui-data")
	var xf exchangeFlags
	xf.register(fs)
	var lf limitFlags
	lf.register(fs)
	var rf recheckFlags
	rf.register(fs, "demo")
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	st, kr, err := sf.open(ctx, true, true)
	if err != nil {
		return e.errorf("%v", err)
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	h, err := handler(st, kr, log, &xf, &lf, false)
	if err != nil {
		return e.errorf("%v", err)
	}
	pop, n, err := seedDemo(ctx, st, sf.data)
	if err != nil {
		return e.errorf("%v", err)
	}
	adapters, dir, err := xf.adapters(sf.data, log, deptsim.NewAdapter(pop, deptsim.Behaviour{Seed: demo.SimSeed}, time.Now))
	if err != nil {
		return e.errorf("%v", err)
	}
	wctx, stop := context.WithCancel(ctx)
	wait := startWorkers(wctx, st, adapters, dir, xf.interval, log)
	waitRecheck := startRecheck(wctx, st, rf, adapters, log)
	defer func() { stop(); wait(); waitRecheck() }()
	return listenAndServe(ctx, *addr, h, log, func(url string) {
		fmt.Fprintf(e.stdout, "hedui 演示系统已启动：%s\n数据：%s（%s；再次运行保留全部数据）\n", url, sf.dsn(), st.Engine())
		if n > 0 {
			fmt.Fprintf(e.stdout, "已生成%d件示例申请（合成人口，非真实人员；金额、标准和协议均为示例）\n", n)
		}
		fmt.Fprintf(e.stdout, "批量文件交换目录：%s\n接口文档：%s/api/v1/openapi.json  健康检查：%s/healthz\n\n演示账户（密码均为 %s）：\n", dir, url, url, demo.Password)
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		for _, a := range append(append([]demo.Account{}, demo.Accounts...), demo.LiaisonAccounts...) {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", a.Username, hedui.Role(a.Role).Label(), a.Org)
		}
		tw.Flush()
		fmt.Fprintln(e.stdout, "\n按 Ctrl+C 停止。")
	}, e)
}

// seedDemo fills the store with the demo's reference data, accounts,
// departments and cases; it is idempotent. It returns the synthetic
// population the simulated departments answer from and how many
// applications it created.
func seedDemo(ctx context.Context, st demo.CaseStore, dataDir string) (*deptsim.Population, int, error) {
	hash := func(pw string) string { return password.Hash(pw, password.Default) }
	if err := demo.SeedReference(ctx, st); err != nil {
		return nil, 0, err
	}
	if err := demo.SeedAccounts(ctx, st, hash); err != nil {
		return nil, 0, err
	}
	ds, err := division.Qingyang()
	if err != nil {
		return nil, 0, err
	}
	if err := demo.SeedDepartments(ctx, st, ds); err != nil {
		return nil, 0, err
	}
	if err := demo.SeedLiaisons(ctx, st, hash); err != nil {
		return nil, 0, err
	}
	if err := demo.SeedPolicies(ctx, st); err != nil {
		return nil, 0, err
	}
	epoch, err := demo.Epoch(dataDir, time.Now())
	if err != nil {
		return nil, 0, err
	}
	n, err := demo.SeedCases(ctx, st, epoch)
	if err != nil {
		return nil, 0, err
	}
	cal, err := exchange.LoadCalendar(ctx, st)
	if err != nil {
		return nil, 0, err
	}
	pop := demo.Population(epoch, demoHouseholds)
	m, err := demo.SeedSimulatedCases(ctx, st, pop, exchange.DueFunc(cal))
	if err != nil {
		return pop, n + m, err
	}
	// The recipients on the counties' rolls, after the applicants so that
	// they do not become applications; the simulated departments know them
	// too, for re-verification.
	recipients := demo.RollPopulation(epoch, ds)
	pop.Merge(recipients)
	if _, err := demo.SeedRolls(ctx, st, recipients); err != nil {
		return pop, n + m, err
	}
	// Cases the simulated departments answered since the last run.
	_, err = demo.SeedConclusions(ctx, st, time.Now(), demoConclusions)
	return pop, n + m, err
}
