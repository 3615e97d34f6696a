package rules

import (
	"strings"
	"testing"

	"hedui"
)

func TestExamplePolicies(t *testing.T) {
	ps := ExamplePolicies()
	if len(ps) != 16 {
		t.Fatalf("%d example policies, want 8 counties × urban, rural", len(ps))
	}
	seen := map[string]bool{}
	for i := range ps {
		p := &ps[i]
		key := p.County + "/" + string(p.Hukou)
		if seen[key] {
			t.Errorf("%s twice", key)
		}
		seen[key] = true
		if !p.Example || !strings.Contains(p.Name, "示例") || p.EffectiveFrom != day("2026-01-01") || p.Version != 1 {
			t.Errorf("%s: not labelled as an example effective 2026-01-01: %+v", key, p)
		}
		if _, err := Compile(p); err != nil {
			t.Errorf("%s: %v", key, hedui.MessageOf(err))
		}
		lo, hi := hedui.Fen(70000), hedui.Fen(80000) // urban: 700–800 yuan a month
		if p.Hukou == hedui.HukouRural {
			lo, hi = 500000/12, 600000/12 // rural: 5 000–6 000 yuan a year
		}
		if p.StandardMonthlyFen < lo || p.StandardMonthlyFen > hi {
			t.Errorf("%s: standard %d fen a month out of the plausible range", key, p.StandardMonthlyFen)
		}
	}
	for _, code := range []string{"621002", "621021", "621022", "621023", "621024", "621025", "621026", "621027"} {
		if !seen[code+"/urban"] || !seen[code+"/rural"] {
			t.Errorf("county %s missing", code)
		}
	}
}
