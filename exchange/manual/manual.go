// Package manual is the channel of departments without an interface or an
// exchange machine: their liaison logs in, sees the queries addressed to his
// department and answers member by member or by uploading a file. Sending
// is therefore only making the query visible in the portal.
package manual

import (
	"context"

	"hedui"
	"hedui/exchange"
)

// Adapter delivers by publishing to the liaison portal.
type Adapter struct{}

var _ exchange.Adapter = Adapter{}

// Channel is hedui.ChannelManual.
func (Adapter) Channel() hedui.Channel { return hedui.ChannelManual }

// Send marks every query delivered: from now on the liaison sees it, and
// its deadline runs.
func (Adapter) Send(_ context.Context, _ hedui.Department, qs []hedui.Query) (exchange.Result, error) {
	ids := make([]string, len(qs))
	for i, q := range qs {
		ids[i] = q.ID
	}
	return exchange.Result{Delivered: ids}, nil
}
