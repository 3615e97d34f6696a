package main

import (
	"context"
	"flag"
	"fmt"

	"hedui"
)

func runAudit(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 || args[0] != "verify" {
		return e.errorf("用法: hedui audit verify [-data DIR | -db URL]")
	}
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var sf storeFlags
	sf.register(fs, "./hedui-data")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	st, _, err := sf.open(ctx, false, false)
	if err != nil {
		return e.errorf("%v", err)
	}
	defer st.Close()
	r, err := st.VerifyAudit(ctx, hedui.SystemActor("审计日志校验"))
	if err != nil {
		return e.errorf("%v", err)
	}
	if !r.OK() {
		fmt.Fprintf(e.stdout, "审计日志校验失败：第%d条 — %s（共读取%d条）\n", r.Break.Seq, r.Break.Reason, r.Entries)
		return 1
	}
	fmt.Fprintf(e.stdout, "审计日志完整：共%d条，末条哈希 %s\n", r.Entries, r.Head)
	return 0
}
