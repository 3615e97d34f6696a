package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"

	"hedui"
	"hedui/crypt"
	"hedui/demo"
)

func TestEscalateQuarter(t *testing.T) {
	ctx := context.Background()
	t.Setenv(crypt.EnvKey, "")
	sf := storeFlags{data: filepath.Join(t.TempDir(), "d")}
	st, _, err := sf.open(ctx, true, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, _, err := seedDemo(ctx, st, sf.data); err != nil {
		t.Fatal(err)
	}
	v, err := demo.Actor(ctx, st, "verifier.xifeng")
	if err != nil {
		t.Fatal(err)
	}
	page, err := st.Applications(ctx, v, hedui.Filter{Status: []hedui.Status{hedui.StatusAccepted, hedui.StatusVerifying}, Limit: 1})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("no accepted case in 西峰区: %v", err)
	}
	if err := st.MarkForCity(ctx, v, page.Items[0].ID, true, "需查询市级公积金和证券信息"); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	day := func(s string) hedui.Date { d, _ := hedui.ParseDate(s); return d }

	escalateQuarter(ctx, st, day("2026-11-05"), log) // second month: nothing goes up
	if bs, _ := st.Batches(ctx, v); len(bs) != 0 {
		t.Fatalf("escalated outside the first month: %+v", bs)
	}
	escalateQuarter(ctx, st, day("2026-10-05"), log)
	bs, err := st.Batches(ctx, v)
	if err != nil || len(bs) != 1 || len(bs[0].CaseIDs) != 1 || bs[0].CaseIDs[0] != page.Items[0].ID || bs[0].Quarter != (hedui.Quarter{Year: 2026, Q: 4}) {
		t.Fatalf("batches after the first month: %+v %v", bs, err)
	}
	escalateQuarter(ctx, st, day("2026-10-06"), log) // again: no second batch, no error
	if bs, _ := st.Batches(ctx, v); len(bs) != 1 {
		t.Fatalf("second pass made %d batches", len(bs))
	}
}
