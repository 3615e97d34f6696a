package deptsim

import (
	"hash/fnv"
	"math/rand/v2"
	"sync"
	"time"
)

// Behaviour is how reliably a simulated department answers. Rates are
// shares of attempts in [0, 1].
type Behaviour struct {
	Seed        uint64
	Latency     time.Duration // added to every answer
	ErrorRate   float64       // answer 503 (retry later)
	SilenceRate float64       // accept the query and never answer
	GarbageRate float64       // answer with a body that is not JSON
	// Refuse lists ID numbers the department refuses every query about
	// for good, as a department answers a person outside its
	// jurisdiction (an HTTP 400 that no retry mends).
	Refuse []string
}

// Outcome is what a department does with one attempt at a query.
type Outcome uint8

const (
	OutcomeAnswer  Outcome = iota // answers (now, or by callback)
	OutcomeError                  // fails this attempt
	OutcomeSilence                // takes the query and drops it
	OutcomeGarbage                // answers with garbage
)

var outcomeNames = [...]string{"answer", "error", "silence", "garbage"}

func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "outcome?"
}

// Decide is the outcome of attempt n (1-based) at a query, the same every
// time for the same seed, query id and attempt. Silence is drawn once per
// query: a department that lost a query keeps not answering it, which is
// what the centre's reminders exist for. Errors and garbage are drawn per
// attempt, like the transient faults they stand for, so retries can
// succeed.
func (b Behaviour) Decide(queryID string, attempt int) Outcome {
	h := fnv.New64a()
	h.Write([]byte(queryID))
	q := h.Sum64()
	if rand.New(rand.NewPCG(b.Seed, q)).Float64() < b.SilenceRate {
		return OutcomeSilence
	}
	x := rand.New(rand.NewPCG(b.Seed^q, uint64(attempt))).Float64()
	switch {
	case x < b.ErrorRate:
		return OutcomeError
	case x < b.ErrorRate+b.GarbageRate:
		return OutcomeGarbage
	}
	return OutcomeAnswer
}

// Reliable says the department answers every attempt: it then needs no
// count of attempts per query, which for a city-wide round would be a map
// of a million query ids kept for nothing.
func (b Behaviour) Reliable() bool {
	return b.ErrorRate <= 0 && b.SilenceRate <= 0 && b.GarbageRate <= 0
}

// attempts counts the attempts at each query a department has seen.
type attempts struct {
	mu sync.Mutex
	n  map[string]int
}

func (a *attempts) next(queryID string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.n == nil {
		a.n = map[string]int{}
	}
	a.n[queryID]++
	return a.n[queryID]
}

// wait sleeps for d unless done closes first, and reports whether it slept
// the whole time.
func wait(done <-chan struct{}, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return false
	case <-t.C:
		return true
	}
}
