package deptsim

import (
	"context"
	"time"

	"hedui"
	"hedui/exchange"
)

// Adapter is the simulator channel: departments answered in process from a
// population, with a Behaviour's faults. It is safe for concurrent use.
type Adapter struct {
	pop      *Population
	b        Behaviour
	refuse   map[string]bool
	now      func() time.Time
	attempts attempts
}

var _ exchange.Adapter = (*Adapter)(nil)

// NewAdapter answers from pop; now nil means time.Now.
func NewAdapter(pop *Population, b Behaviour, now func() time.Time) *Adapter {
	if now == nil {
		now = time.Now
	}
	a := &Adapter{pop: pop, b: b, now: now, refuse: map[string]bool{}}
	for _, id := range b.Refuse {
		a.refuse[matchID(id)] = true
	}
	return a
}

// refusal is why the department refuses q for good, or "".
func (a *Adapter) refusal(q *hedui.Query) string {
	for _, s := range q.Subjects {
		if id := matchID(s.IDNumber); a.refuse[id] {
			return "部门接口拒绝了查询（HTTP 400）：身份证号码 " + id + " 不在本部门辖区"
		}
	}
	return ""
}

// Channel implements exchange.Adapter.
func (a *Adapter) Channel() hedui.Channel { return hedui.ChannelSimulator }

// Send answers each query at once. An error or garbage leaves the query
// undelivered, to be sent again; silence delivers it without answers; a
// query about a person the Behaviour refuses fails for good (Failed). The
// answers are as of the day of now.
func (a *Adapter) Send(ctx context.Context, dept hedui.Department, qs []hedui.Query) (exchange.Result, error) {
	res := exchange.Result{Failed: map[string]string{}}
	if !wait(ctx.Done(), a.b.Latency) {
		return res, ctx.Err()
	}
	reliable := a.b.Reliable()
	n := 0
	for i := range qs {
		n += len(qs[i].Subjects) * len(qs[i].Items)
	}
	res.Answers = make([]hedui.Answer, 0, n)
	var w answerWriter
	for _, q := range qs {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if len(a.refuse) > 0 {
			if why := a.refusal(&q); why != "" {
				res.Failed[q.ID] = why
				continue
			}
		}
		outcome := OutcomeAnswer
		if !reliable {
			outcome = a.b.Decide(q.ID, a.attempts.next(q.ID))
		}
		switch outcome {
		case OutcomeError, OutcomeGarbage:
			continue
		case OutcomeSilence:
			res.Delivered = append(res.Delivered, q.ID)
		case OutcomeAnswer:
			now := a.now()
			q.DepartmentID = dept.ID
			res.Delivered = append(res.Delivered, q.ID)
			res.Answers = w.appendAnswers(a.pop, res.Answers, q, hedui.DateOf(now), now)
		}
	}
	return res, nil
}
