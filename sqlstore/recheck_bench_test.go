package sqlstore

import (
	"testing"
	"time"
)

// BenchmarkRecheckRound runs a whole round of 2,000 households on the
// simulator: start, claims, asks, evaluation and saves, on both engines.
func BenchmarkRecheckRound(b *testing.B) {
	const households = 2000
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				e := newEnv(b, be, Options{})
				f := e.recheckFixture(households+1, false)
				w := f.worker("bench")
				b.StartTimer()
				r := f.startRound(today)
				start := time.Now()
				drain(b, f, w)
				b.ReportMetric(float64(r.Households)/time.Since(start).Seconds(), "households/s")
				b.StopTimer()
				f.roundCounts(b, r.ID)
				b.StartTimer()
			}
		})
	}
}
