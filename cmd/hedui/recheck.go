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
	fs.IntVar(&f.parts, "recheck-parts", 2, "parts of a round claimed and saved per transaction")
	fs.DurationVar(&f.lease, "recheck-lease", 2*time.Minute, "how long a node holds claimed parts; another node takes them over after it")
}

// startRecheck runs the round worker until ctx ends when a node name is
// set; the returned function waits for it. The worker asks the
// departments it can reach from the process (roundAdapters); the others'
// queries wait for their answer files.
func startRecheck(ctx context.Context, st recheck.Store, f recheckFlags, adapters map[hedui.Channel]exchange.Adapter, log *slog.Logger) func() {
	if f.node == "" {
		return func() {}
	}
	w := recheck.NewWorker(st, recheck.Options{Node: f.node, Parts: f.parts, Lease: f.lease, Adapters: roundAdapters(adapters),
		Logger: log})
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx)
	}()
	log.Info("re-verification worker started", "node", f.node)
	return func() { <-done }
}

// roundAdapters are the channels a round asks from the process: the
// simulator, and the online interface when this node signs online
// requests, whose departments answer in the response or later by
// callback. The batch-file and manual channels are not among them: a
// round gives their departments one request file each instead of one
// file or one task per household.
func roundAdapters(adapters map[hedui.Channel]exchange.Adapter) map[hedui.Channel]exchange.Adapter {
	out := map[hedui.Channel]exchange.Adapter{}
	for _, c := range []hedui.Channel{hedui.ChannelSimulator, hedui.ChannelOnline} {
		if a := adapters[c]; a != nil {
			out[c] = a
		}
	}
	return out
}
