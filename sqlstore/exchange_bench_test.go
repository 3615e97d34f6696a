package sqlstore

import (
	"fmt"
	"testing"

	"hedui"
)

// BenchmarkRecordAnswers records batches of 1,000 answers of one
// department (a batch file's worth) and reports answers/s. Every answer
// carries a new record, so each is checked, sealed and inserted.
func BenchmarkRecordAnswers(b *testing.B) {
	const batch, cases = 1000, 10
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			e := newEnv(b, be, Options{})
			f := e.departments()
			var qs []hedui.Query
			for i := range cases {
				_, d := e.dispatched(fmt.Sprintf("基准户主%d", i), fmt.Sprintf("基准配偶%d", i))
				qs = append(qs, queryTo(b, d.Queries, f.finance))
			}
			var pairs []hedui.Answer
			for _, q := range qs {
				pairs = append(pairs, answersFor(q, 0)...)
			}
			sys := hedui.SystemActor("基准测试")
			n := 0
			for b.Loop() {
				as := make([]hedui.Answer, batch)
				for k := range as {
					a := pairs[k%len(pairs)]
					a.Records = []hedui.Record{{Kind: "salary", AmountFen: hedui.Fen(n*batch + k + 1),
						PeriodFrom: date("2026-01-01"), PeriodTo: date("2026-01-31")}}
					as[k] = a
				}
				rep, err := e.db.RecordAnswers(e.ctx, sys, f.finance.ID, as)
				if err != nil || rep.Recorded != batch {
					b.Fatalf("batch %d: %+v, %v", n, rep, err)
				}
				n++
			}
			b.ReportMetric(float64(n*batch)/b.Elapsed().Seconds(), "answers/s")
		})
	}
}
