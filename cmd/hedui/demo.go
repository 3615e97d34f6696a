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
	hhttp "hedui/http"
	"hedui/password"
)

func runDemo(ctx context.Context, args []string, e *env) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var sf storeFlags
	sf.register(fs, "./hedui-data")
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	st, _, err := sf.open(ctx, true, true)
	if err != nil {
		return e.errorf("%v", err)
	}
	defer st.Close()
	if err := demo.SeedReference(ctx, st); err != nil {
		return e.errorf("%v", err)
	}
	if err := demo.SeedAccounts(ctx, st, func(pw string) string { return password.Hash(pw, password.Default) }); err != nil {
		return e.errorf("%v", err)
	}
	n, err := demo.SeedCases(ctx, st, time.Now())
	if err != nil {
		return e.errorf("%v", err)
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv := hhttp.NewServer(hhttp.Config{Store: st, Logger: log})
	return listenAndServe(ctx, *addr, srv.Handler(), log, func(url string) {
		where := sf.dsn()
		fmt.Fprintf(e.stdout, "hedui 演示系统已启动：%s\n数据：%s（%s；再次运行保留全部数据）\n", url, where, st.Engine())
		if n > 0 {
			fmt.Fprintf(e.stdout, "已生成%d件示例申请（示例数据，非真实人员）\n", n)
		}
		fmt.Fprintf(e.stdout, "接口文档：%s/api/v1/openapi.json  健康检查：%s/healthz\n\n演示账户（密码均为 %s）：\n", url, url, demo.Password)
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		for _, a := range demo.Accounts {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", a.Username, hedui.Role(a.Role).Label(), a.Org)
		}
		tw.Flush()
		fmt.Fprintln(e.stdout, "\n按 Ctrl+C 停止。")
	}, e)
}
