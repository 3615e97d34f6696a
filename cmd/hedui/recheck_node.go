package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"sync"
	"time"

	"hedui"
	"hedui/exchange"
	"hedui/recheck"
)

// nodeFlags name this node of a deployment and tune its share of the
// re-verification rounds: every node with a name claims parts of running
// rounds under a lease in the database, so that several nodes share a
// round and a dead node's parts go to the others once its lease runs out.
type nodeFlags struct {
	name  string
	parts int
	lease time.Duration
}

func (f *nodeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.name, "node", os.Getenv("HEDUI_NODE"), "this node's name, unique among the nodes on one database; with a name the node works on re-verification rounds (env HEDUI_NODE)")
	fs.IntVar(&f.parts, "recheck-parts", 4, "parts of a round one claim takes and one transaction saves")
	fs.DurationVar(&f.lease, "recheck-lease", 2*time.Minute, "how long a claim holds its parts; a node that dies holds them this long")
}

// start runs the round worker until ctx ends when the node has a name;
// the returned function waits for it.
func (f *nodeFlags) start(ctx context.Context, st recheck.Store, adapters map[hedui.Channel]exchange.Adapter, log *slog.Logger) func() {
	if f.name == "" {
		return func() {}
	}
	w := recheck.NewWorker(st, recheck.Options{Node: f.name, Parts: f.parts, Lease: f.lease, Adapters: adapters})
	var wg sync.WaitGroup
	wg.Go(func() { w.Run(ctx) })
	log.Info("re-verification worker started", "node", f.name)
	return wg.Wait
}
