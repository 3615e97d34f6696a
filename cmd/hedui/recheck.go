package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"time"

	"hedui"
	"hedui/exchange"
	"hedui/recheck"
)

// recheckFlags say whether this process works on re-verification rounds,
// under which node name, and in what sizes.
type recheckFlags struct {
	node  string
	parts int
	lease time.Duration
}

func (f *recheckFlags) register(fs *flag.FlagSet, defaultNode string) {
	node := os.Getenv("HEDUI_NODE")
	if node == "" {
		node = defaultNode
	}
	fs.StringVar(&f.node, "node", node, "node `name` (unique among the processes sharing the database): this process works on re-verification rounds; empty: it does not (env HEDUI_NODE)")
	fs.IntVar(&f.parts, "recheck-parts", 4, "parts of a round claimed and saved per transaction")
	fs.DurationVar(&f.lease, "recheck-lease", 2*time.Minute, "how long a node holds claimed parts; another node takes them over after it")
}

// startRecheck runs the round worker until ctx ends when a node name is
// set; the returned function waits for it. Only departments answered in
// process (the simulator) are asked by the worker; the others' queries
// wait for their answer files.
func startRecheck(ctx context.Context, st recheck.Store, f recheckFlags, adapters map[hedui.Channel]exchange.Adapter, log *slog.Logger) func() {
	if f.node == "" {
		return func() {}
	}
	inProcess := map[hedui.Channel]exchange.Adapter{}
	if a := adapters[hedui.ChannelSimulator]; a != nil {
		inProcess[hedui.ChannelSimulator] = a
	}
	w := recheck.NewWorker(st, recheck.Options{Node: f.node, Parts: f.parts, Lease: f.lease, Adapters: inProcess,
		Logger: log})
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx)
	}()
	log.Info("re-verification worker started", "node", f.node)
	return func() { <-done }
}
