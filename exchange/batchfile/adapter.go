package batchfile

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"time"

	"hedui"
	"hedui/exchange"
)

// Adapter is the batch-file channel: sending a batch of queries writes one
// request file for the department into the outbox, where the front-end
// exchange machine collects it. Answers come back as files in the inbox.
type Adapter struct {
	Outbox Outbox
	Format Format // default XLSX: Excel keeps ID numbers as text there
}

var _ exchange.Adapter = (*Adapter)(nil)

// Channel is hedui.ChannelBatchFile.
func (a *Adapter) Channel() hedui.Channel { return hedui.ChannelBatchFile }

// Send writes the request file. The batch id is derived from the query ids,
// so a re-send after a crash finds the same file and changes nothing.
func (a *Adapter) Send(_ context.Context, dept hedui.Department, qs []hedui.Query) (exchange.Result, error) {
	format := a.Format
	if format == "" {
		format = XLSX
	}
	if _, err := a.Outbox.Write(format, dept, BatchID(qs), qs); err != nil {
		return exchange.Result{}, err
	}
	ids := make([]string, len(qs))
	for i, q := range qs {
		ids[i] = q.ID
	}
	return exchange.Result{Delivered: ids}, nil
}

// BatchID names a batch by the day of its oldest query and a digest of its
// query ids: stable for the same queries, distinct for different ones.
func BatchID(qs []hedui.Query) string {
	ids := make([]string, len(qs))
	var first time.Time
	for i, q := range qs {
		ids[i] = q.ID
		if first.IsZero() || q.CreatedAt.Before(first) {
			first = q.CreatedAt
		}
	}
	slices.Sort(ids)
	h := sha256.New()
	for _, id := range ids {
		h.Write([]byte(id))
		h.Write([]byte{0})
	}
	return hedui.Today(first).Time.Format("20060102") + "-" + hex.EncodeToString(h.Sum(nil)[:6])
}
