package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"hedui"
	"hedui/rolls"
)

// exitRowsRejected is the exit code of an import that stored the good
// households but refused some rows: scripts can tell it from success and
// from failure.
const exitRowsRejected = 3

func runRolls(ctx context.Context, args []string, e *env) int {
	const use = "用法: hedui rolls import -county 县区代码 -file 名册.xlsx|.csv [-mode full|incremental] [-user 账户] [-data DIR | -db URL]"
	if len(args) == 0 || args[0] != "import" {
		return e.errorf("%s", use)
	}
	fs := flag.NewFlagSet("rolls import", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var sf storeFlags
	sf.register(fs, "./hedui-data")
	county := fs.String("county", "", "county code (6 digits) the roll belongs to")
	file := fs.String("file", "", "roll file: CSV (UTF-8, UTF-8 with BOM or GB18030/GBK) or XLSX")
	mode := fs.String("mode", string(hedui.RollFull), "full: the file is the whole roll, absent households leave it; incremental: add, update and mark exits only")
	user := fs.String("user", "", "import as this account (a verifier of the county or the city); default the system")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if *county == "" || *file == "" {
		return e.errorf("%s", use)
	}
	m := hedui.RollMode(*mode)
	if m != hedui.RollFull && m != hedui.RollIncremental {
		return e.errorf("-mode 应为 full 或 incremental")
	}
	f, err := os.Open(*file)
	if err != nil {
		return e.errorf("%v", err)
	}
	defer f.Close()
	st, _, err := sf.open(ctx, false, false)
	if err != nil {
		return e.errorf("%v", err)
	}
	defer st.Close()
	by := hedui.SystemActor("命令行导入低保特困名册")
	if *user != "" {
		u, err := st.User(ctx, *user)
		if err != nil {
			return e.errorf("账户 %s：%s", *user, hedui.MessageOf(err))
		}
		by = hedui.ActorOf(u)
		by.Purpose, by.ClientAddr = "命令行导入低保特困名册", "cli"
	}
	up, err := rolls.Parse(filepath.Base(*file), f, *county, m, rolls.Options{})
	if err != nil {
		return e.errorf("%s", hedui.MessageOf(err))
	}
	imp, err := st.ImportRoll(ctx, by, up)
	if err != nil {
		return e.errorf("%s", hedui.MessageOf(err))
	}
	fmt.Fprintf(e.stdout, "导入第%d次（%s，%s，%d行）：%s\n", imp.ID, imp.County, imp.Mode, imp.Rows, imp.Outcome())
	if len(imp.Problems) == 0 {
		return 0
	}
	fmt.Fprintf(e.stdout, "%d个问题，所在的户未导入：\n", len(imp.Problems))
	for _, p := range imp.Problems {
		fmt.Fprintf(e.stdout, "  %s\t%s\t%s\n", p.Source, p.Column, p.Message)
	}
	return exitRowsRejected
}
