package rules

import (
	"sync"
	"testing"

	"hedui/deptsim"
)

// benchHouseholds is how many cases the benchmark cycles through. They
// are built once: distinct simulated households (members, declarations
// and every department's answers with their evidence columns), each
// repeated so that the cycle is 100 000 cases long.
const (
	benchHouseholds = 100_000
	benchDistinct   = 5_000
)

var benchCases = sync.OnceValue(func() []CaseInput {
	pop := deptsim.Generate(deptsim.Config{Seed: 11, Households: benchDistinct, Now: simNow})
	distinct := simCases(pop)
	out := make([]CaseInput, benchHouseholds)
	for i := range out {
		out[i] = distinct[i%len(distinct)]
		out[i].ID = int64(i + 1)
	}
	return out
})

// BenchmarkCheck measures comparison, computation and evaluation (built-in
// rules and the example policy's compiled county rule) per household on
// one core. The target is at least 20 000 households per second.
func BenchmarkCheck(b *testing.B) {
	cases := benchCases()
	ex := ExamplePolicies()
	c, err := Compile(&ex[0])
	if err != nil {
		b.Fatal(err)
	}
	var k Checker
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k.Check(c, &cases[i%len(cases)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "households/s")
}

// BenchmarkCheckParallel is the same on every core, one Checker each.
func BenchmarkCheckParallel(b *testing.B) {
	cases := benchCases()
	ex := ExamplePolicies()
	c, err := Compile(&ex[0])
	if err != nil {
		b.Fatal(err)
	}
	var next sync.Mutex
	n := 0
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var k Checker
		next.Lock()
		i := n * 7919
		n++
		next.Unlock()
		for pb.Next() {
			k.Check(c, &cases[i%len(cases)])
			i++
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "households/s")
}
