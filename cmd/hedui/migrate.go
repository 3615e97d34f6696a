package main

import (
	"context"
	"flag"
	"fmt"

	"hedui/demo"
)

func runMigrate(ctx context.Context, args []string, e *env) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var sf storeFlags
	sf.register(fs, "./hedui-data")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	st, _, err := sf.open(ctx, true, true)
	if err != nil {
		return e.errorf("%v", err)
	}
	defer st.Close()
	// Divisions and organisations are reference data every deployment
	// needs; loading them is idempotent.
	if err := demo.SeedReference(ctx, st); err != nil {
		return e.errorf("%v", err)
	}
	cur, latest, err := st.MigrationStatus(ctx)
	if err != nil {
		return e.errorf("%v", err)
	}
	fmt.Fprintf(e.stdout, "数据库（%s）结构版本 %d/%d，行政区划和机构已载入\n", st.Engine(), cur, latest)
	return 0
}
