// Package exchange moves queries from the centre to the departments and
// answers back. The dispatcher knows only the Adapter interface; one adapter
// per channel lives in a subpackage beside the others (online, batchfile,
// manual, sim) and no adapter imports another.
package exchange

import (
	"context"

	"hedui"
)

// Adapter delivers queries to one department over one channel.
type Adapter interface {
	Channel() hedui.Channel
	// Send delivers the queries. Channels that answer at once (the online
	// interface in synchronous mode, the simulator) return the answers;
	// others return none and the answers arrive later through Ingest.
	// Delivered lists the query ids the department has taken; a query
	// neither delivered nor failed is tried again later.
	Send(ctx context.Context, dept hedui.Department, qs []hedui.Query) (Result, error)
}

// Result is what a Send achieved.
type Result struct {
	Delivered []string          // query ids the department accepted
	Failed    map[string]string // query id → reason, for permanent failures
	Answers   []hedui.Answer    // answers returned synchronously
}
