package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"hedui"
	"hedui/crypt"
	"hedui/demo"
	"hedui/deptsim"
	"hedui/exchange"
	"hedui/exchange/manual"
)

// TestDemoPolicies: the demo stores the example policies once, and a
// second run evaluates the cases the simulated departments answered.
func TestDemoPolicies(t *testing.T) {
	ctx := context.Background()
	t.Setenv(crypt.EnvKey, "")
	sf := storeFlags{data: filepath.Join(t.TempDir(), "d")}
	st, _, err := sf.open(ctx, true, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pop, _, err := seedDemo(ctx, st, sf.data)
	if err != nil {
		t.Fatal(err)
	}
	sys := hedui.SystemActor("测试")
	ps, err := st.Policies(ctx, sys, "", "")
	if err != nil || len(ps) != 16 {
		t.Fatalf("%d policies after seeding, want 16 (8 counties × urban, rural): %v", len(ps), err)
	}
	for _, p := range ps {
		if !p.Example || p.Version != 1 {
			t.Errorf("policy %s: example %v, version %d", p.Name, p.Example, p.Version)
		}
	}

	snd := exchange.Sender{Store: st, Now: time.Now, Adapters: map[hedui.Channel]exchange.Adapter{
		hedui.ChannelSimulator: deptsim.NewAdapter(pop, deptsim.Behaviour{Seed: demo.SimSeed}, time.Now),
		hedui.ChannelManual:    manual.Adapter{}}}
	if _, err := snd.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := seedDemo(ctx, st, sf.data); err != nil {
		t.Fatal(err)
	}
	if ps, _ := st.Policies(ctx, sys, "", ""); len(ps) != 16 {
		t.Errorf("%d policies after a second run, want 16", len(ps))
	}
	v, err := demo.Actor(ctx, st, "verifier.huanxian")
	if err != nil {
		t.Fatal(err)
	}
	page, err := st.Applications(ctx, v, hedui.Filter{Status: []hedui.Status{hedui.StatusConcluded}})
	if err != nil || page.Total == 0 {
		t.Fatalf("no concluded case in 环县 after the second run: %v", err)
	}
	cs, err := st.Conclusions(ctx, v, page.Items[0].ID)
	if err != nil || len(cs) != 1 || len(cs[0].Reasons) == 0 {
		t.Fatalf("conclusions %+v: %v", cs, err)
	}
}
