package deptsim

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"hedui"
)

func TestDecideRates(t *testing.T) {
	tests := []Behaviour{
		{},
		{Seed: 1, ErrorRate: 0.2},
		{Seed: 2, ErrorRate: 0.1, SilenceRate: 0.05, GarbageRate: 0.1},
		{Seed: 3, SilenceRate: 0.5},
	}
	const n = 20000
	for _, b := range tests {
		counts := map[Outcome]int{}
		for i := range n {
			counts[b.Decide(fmt.Sprintf("Q-%d", i), 1)]++
		}
		// Silence is drawn first; the others share what is left.
		want := map[Outcome]float64{
			OutcomeSilence: b.SilenceRate,
			OutcomeError:   (1 - b.SilenceRate) * b.ErrorRate,
			OutcomeGarbage: (1 - b.SilenceRate) * b.GarbageRate,
		}
		want[OutcomeAnswer] = 1 - want[OutcomeSilence] - want[OutcomeError] - want[OutcomeGarbage]
		for o, w := range want {
			if got := float64(counts[o]) / n; math.Abs(got-w) > 0.015 {
				t.Errorf("%+v: %s %.3f, want %.3f", b, o, got, w)
			}
		}
	}
}

func TestDecideConsistent(t *testing.T) {
	b := Behaviour{Seed: 5, ErrorRate: 0.4, SilenceRate: 0.3}
	changed := 0
	for i := range 500 {
		id := fmt.Sprintf("Q-%d", i)
		first := b.Decide(id, 1)
		for attempt := 1; attempt <= 4; attempt++ {
			o := b.Decide(id, attempt)
			if o != b.Decide(id, attempt) {
				t.Fatal("Decide is not a function of its arguments")
			}
			if (o == OutcomeSilence) != (first == OutcomeSilence) {
				t.Fatalf("%s: silence should hold for every attempt", id)
			}
			if o != first {
				changed++
			}
		}
	}
	if changed == 0 {
		t.Error("errors never cleared on a retry")
	}
}

// TestAdapter sends every household's query through the in-process
// channel twice — the second time only what was not delivered — and checks
// each result against what Decide says the department does.
func TestAdapter(t *testing.T) {
	pop := Generate(Config{Seed: 2, Households: 300, Now: testNow})
	b := Behaviour{Seed: 9, ErrorRate: 0.2, SilenceRate: 0.1, GarbageRate: 0.05}
	a := NewAdapter(pop, b, func() time.Time { return testNow })
	dept := hedui.Department{ID: 5, Code: "sim", Channel: hedui.ChannelSimulator}
	var pending []hedui.Query
	for i := range pop.Households {
		pending = append(pending, householdQuery(&pop.Households[i]))
	}
	for attempt := 1; attempt <= 2; attempt++ {
		res, err := a.Send(context.Background(), dept, pending)
		if err != nil {
			t.Fatal(err)
		}
		answered := map[string]int{}
		for _, ans := range res.Answers {
			answered[ans.QueryID]++
			if ans.DepartmentID != 5 || ans.Channel != hedui.ChannelSimulator {
				t.Fatalf("answer envelope %+v", ans)
			}
		}
		var next []hedui.Query
		for _, q := range pending {
			o := b.Decide(q.ID, attempt)
			delivered := slices.Contains(res.Delivered, q.ID)
			switch {
			case delivered != (o == OutcomeAnswer || o == OutcomeSilence):
				t.Errorf("attempt %d, %s: %s but delivered=%v", attempt, q.ID, o, delivered)
			case o == OutcomeAnswer && answered[q.ID] != len(q.Subjects)*len(q.Items):
				t.Errorf("attempt %d, %s: %d answers", attempt, q.ID, answered[q.ID])
			case o != OutcomeAnswer && answered[q.ID] != 0:
				t.Errorf("attempt %d, %s: %s but answered", attempt, q.ID, o)
			}
			if !delivered {
				next = append(next, q)
			}
		}
		if len(res.Failed) != 0 {
			t.Errorf("a department that refuses nobody failed queries for good: %v", res.Failed)
		}
		if attempt == 1 && (len(next) < 30 || len(next) > 100) {
			t.Errorf("%d of 300 undelivered; about 22%% expected", len(next))
		}
		pending = next
	}
}

// TestAdapterRefuses: the queries about a person the department refuses
// fail for good, with the ID number in the reason; the others are
// answered as ever.
func TestAdapterRefuses(t *testing.T) {
	pop := Generate(Config{Seed: 2, Households: 5, Now: testNow})
	refused := strings.ToLower(pop.Households[1].Members[0].IDNumber) // matched whatever its case
	a := NewAdapter(pop, Behaviour{Refuse: []string{refused}}, func() time.Time { return testNow })
	var qs []hedui.Query
	for i := range pop.Households {
		qs = append(qs, householdQuery(&pop.Households[i]))
	}
	res, err := a.Send(context.Background(), hedui.Department{ID: 5, Channel: hedui.ChannelSimulator}, qs)
	if err != nil {
		t.Fatal(err)
	}
	bad := qs[1].ID
	if why := res.Failed[bad]; len(res.Failed) != 1 || !strings.Contains(why, "HTTP 400") ||
		!strings.Contains(why, pop.Households[1].Members[0].IDNumber) {
		t.Fatalf("failed = %v, want only %s refused with the ID number", res.Failed, bad)
	}
	if slices.Contains(res.Delivered, bad) || len(res.Delivered) != len(qs)-1 {
		t.Errorf("delivered %v, want all but %s", res.Delivered, bad)
	}
	for _, ans := range res.Answers {
		if ans.QueryID == bad {
			t.Fatalf("the refused query was answered: %+v", ans)
		}
	}
}
