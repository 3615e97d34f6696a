// Command hedui runs the household economic status verification platform.
//
//	hedui demo     [-addr 127.0.0.1:8080] [-data DIR]   run with example data on SQLite
//	hedui serve    [-addr :8080] [-data DIR | -db URL]  run the server
//	hedui migrate  [-data DIR | -db URL]                create or upgrade the schema
//	hedui user     create|password|disable|enable|list  manage accounts
//	hedui audit    verify [-data DIR | -db URL]         check the audit log's hash chain
//	hedui report   verify -code C | -file F [-data DIR | -db URL]
//	                                                    check a printed or saved report
//	hedui rolls    import -county CODE -file PATH [-mode full|incremental] [-user NAME]
//	                                                    import a 低保/特困 roll
//	hedui bench    recheck [-households N | -sizes N1,N2] [-db sqlite|postgres]
//	                                                    time a city-wide re-verification round
//
// This package only parses flags and wires the parts together; everything
// it calls lives in the packages it imports.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// command is one subcommand: it returns the process exit code.
type command func(ctx context.Context, args []string, env *env) int

// env carries the process's streams so that commands can be tested.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func (e *env) errorf(format string, a ...any) int {
	fmt.Fprintf(e.stderr, "hedui: "+format+"\n", a...)
	return 1
}

var commands = map[string]command{
	"demo":    runDemo,
	"serve":   runServe,
	"migrate": runMigrate,
	"user":    runUser,
	"audit":   runAudit,
	"report":  runReport,
	"deptsim": runDeptsim,
	"rolls":   runRolls,
	"bench":   runBench,
}

const usage = `用法: hedui <命令> [参数]

命令:
  demo      用演示数据运行整个系统（SQLite，数据目录默认 ./hedui-data）
  serve     运行服务
  migrate   创建或升级数据库结构
  user      管理账户: create | password | disable | enable | list
  audit     审计日志: verify
  report    核验报告真伪: verify -code 验证码 | -file 报告.pdf
  deptsim   运行模拟部门（在线接口和批量反馈文件），用于联调
  rolls     导入低保、特困名册: import -county 县区代码 -file 名册文件 [-mode full|incremental]
  bench     性能基准: recheck（全市复核轮次与纯SQL下限对比）

每个命令的参数: hedui <命令> -h
`

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "hedui: 未知命令 %q\n\n%s", args[0], usage)
		return 2
	}
	return cmd(ctx, args[1:], e)
}
