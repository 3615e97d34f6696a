package batchfile

import (
	"bytes"
	"fmt"
	"testing"

	"hedui"
)

// benchAnswers makes n one-record answers: subjects × the twelve items.
func benchAnswers(n int) ([]hedui.Answer, map[string]string) {
	ids := map[string]string{}
	answers := make([]hedui.Answer, 0, n)
	for i := 0; len(answers) < n; i++ {
		ref := fmt.Sprintf("Q-%d-1", i)
		ids[ref] = testID(i)
		for _, it := range hedui.Items {
			if len(answers) == n {
				break
			}
			answers = append(answers, hedui.Answer{QueryID: fmt.Sprintf("Q-%d", i), SubjectRef: ref, Item: it,
				AsOf: date(2026, 2, 28), Records: []hedui.Record{{
					Kind: "deposit", AmountFen: hedui.Fen(i*137 + 5), PeriodFrom: date(2025, 1, 1), PeriodTo: date(2025, 12, 31),
					Description: "活期存款", Fields: map[string]string{"开户行": "中国农业银行"},
				}}})
		}
	}
	return answers, ids
}

func BenchmarkReadAnswersCSV(b *testing.B) {
	const rows = 100_000
	answers, ids := benchAnswers(rows)
	data := answersFile(b, CSV, answers, ids)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		imp, err := ReadAnswers("bench.csv", bytes.NewReader(data), testOptions())
		if err != nil || len(imp.Answers) != rows {
			b.Fatalf("%v, %d answers, problems %v", err, len(imp.Answers), imp.Problems[:min(3, len(imp.Problems))])
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
