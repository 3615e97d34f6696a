package exchange

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"hedui"
)

// OutboxStore is what the sender needs of the store.
type OutboxStore interface {
	Department(ctx context.Context, by hedui.Actor, id int64) (hedui.Department, error)
	OutboxDepartments(ctx context.Context) ([]int64, error)
	ClaimOutbox(ctx context.Context, deptID int64, limit int, lease time.Duration) ([]hedui.Query, error)
	MarkSent(ctx context.Context, ids []string, at time.Time) error
	MarkFailed(ctx context.Context, id, reason string) error
	Release(ctx context.Context, id, reason string) error
	RecordAnswers(ctx context.Context, by hedui.Actor, deptID int64, answers []hedui.Answer) (hedui.IngestReport, error)
}

// Sender drains the outbox: it claims pending queries per department, hands
// them to the department's channel adapter and records what happened. Any
// number of senders may run against one database: claims are leased.
type Sender struct {
	Store    OutboxStore
	Adapters map[hedui.Channel]Adapter
	Lease    time.Duration // how long a claim lasts; default 5 minutes
	Batch    int           // queries claimed at a time; default 500
	Now      func() time.Time
	Logger   *slog.Logger
}

// Stats counts one pass.
type Stats struct {
	Sent, Failed, Retry, Answers int
}

func (s *Sender) defaults() {
	if s.Lease == 0 {
		s.Lease = 5 * time.Minute
	}
	if s.Batch == 0 {
		s.Batch = 500
	}
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.Logger == nil {
		s.Logger = slog.New(slog.DiscardHandler)
	}
}

var actor = hedui.SystemActor("信息核对：向部门发送查询")

// RunOnce sends everything that is pending now, department by department.
// A department whose adapter fails does not hold up the others.
func (s *Sender) RunOnce(ctx context.Context) (Stats, error) {
	s.defaults()
	var st Stats
	depts, err := s.Store.OutboxDepartments(ctx)
	if err != nil {
		return st, err
	}
	var errs []error
	for _, id := range depts {
		if err := s.sendDepartment(ctx, id, &st); err != nil {
			errs = append(errs, err)
		}
	}
	return st, errors.Join(errs...)
}

func (s *Sender) sendDepartment(ctx context.Context, id int64, st *Stats) error {
	dept, err := s.Store.Department(ctx, actor, id)
	if err != nil {
		return err
	}
	ad, ok := s.Adapters[dept.Channel]
	if !ok {
		return fmt.Errorf("exchange: no adapter for channel %s of department %s", dept.Channel, dept.Code)
	}
	for {
		qs, err := s.Store.ClaimOutbox(ctx, id, s.Batch, s.Lease)
		if err != nil || len(qs) == 0 {
			return err
		}
		res, sendErr := ad.Send(ctx, dept, qs)
		if err := s.record(ctx, dept, qs, res, sendErr, st); err != nil {
			return err
		}
		if sendErr != nil || len(res.Delivered) == 0 {
			// The channel is down or refuses everything: leave the rest for
			// the next pass instead of spinning on it.
			return sendErr
		}
	}
}

func (s *Sender) record(ctx context.Context, dept hedui.Department, qs []hedui.Query, res Result, sendErr error, st *Stats) error {
	if len(res.Delivered) > 0 {
		if err := s.Store.MarkSent(ctx, res.Delivered, s.Now()); err != nil {
			return err
		}
		st.Sent += len(res.Delivered)
	}
	done := map[string]bool{}
	for _, id := range res.Delivered {
		done[id] = true
	}
	for id, reason := range res.Failed {
		if err := s.Store.MarkFailed(ctx, id, reason); err != nil {
			return err
		}
		done[id] = true
		st.Failed++
	}
	for _, q := range qs {
		if done[q.ID] {
			continue
		}
		reason := "部门暂未接收，稍后重试"
		if sendErr != nil {
			reason = "发送失败，稍后重试：" + sendErr.Error()
		}
		if err := s.Store.Release(ctx, q.ID, reason); err != nil {
			return err
		}
		st.Retry++
	}
	if len(res.Answers) > 0 {
		rep, err := s.Store.RecordAnswers(ctx, actor, dept.ID, res.Answers)
		if err != nil {
			return err
		}
		st.Answers += rep.Recorded
		for _, p := range rep.Problems {
			s.Logger.Warn("answer rejected", "department", dept.Code, "source", p.Source, "problem", p.Message)
		}
	}
	return nil
}

// Run calls RunOnce every interval until ctx ends.
func (s *Sender) Run(ctx context.Context, interval time.Duration) {
	s.defaults()
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if st, err := s.RunOnce(ctx); err != nil {
			s.Logger.Warn("outbox pass failed", "err", err)
		} else if st != (Stats{}) {
			s.Logger.Info("outbox pass", "sent", st.Sent, "failed", st.Failed, "retry", st.Retry, "answers", st.Answers)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
