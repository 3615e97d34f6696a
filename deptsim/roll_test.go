package deptsim

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"hedui"
	"hedui/rolls"
	"hedui/sheet"
)

func TestRollReadsBack(t *testing.T) {
	now := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	pop := Generate(Config{Seed: 7, Households: 40, Townships: []string{"621002001", "621002100", "621021100"}, Now: now})
	roll := pop.Roll("621002")
	if len(roll) == 0 || len(roll) >= 40 {
		t.Fatalf("%d households in 621002", len(roll))
	}
	for _, f := range []sheet.Format{sheet.CSV, sheet.XLSX} {
		var buf bytes.Buffer
		if err := pop.WriteRoll(&buf, "621002", f); err != nil {
			t.Fatal(err)
		}
		up, err := rolls.Parse("roll."+f.Ext(), &buf, "621002", hedui.RollFull, rolls.Options{Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		if len(up.Problems) > 0 {
			t.Fatalf("%s: problems %+v", f, up.Problems)
		}
		for i := range up.Households {
			up.Households[i].Row = 0
		}
		if !reflect.DeepEqual(up.Households, roll) {
			t.Fatalf("%s: read back differs", f)
		}
	}
}

func TestExtend(t *testing.T) {
	now := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	gen := func() *Population { return Generate(Config{Seed: 3, Households: 10, Now: now}) }
	a, b := gen(), gen()
	a.Extend(250)
	b.Extend(250)
	if len(a.Households) != 250 || !reflect.DeepEqual(a.Households, b.Households) {
		t.Fatalf("Extend is not deterministic or wrong size: %d", len(a.Households))
	}
	seen := map[string]bool{}
	for _, h := range a.Households {
		for _, m := range h.Members {
			if seen[m.IDNumber] {
				t.Fatalf("ID number %s appears twice", m.IDNumber)
			}
			seen[m.IDNumber] = true
			if tr, ok := a.Find(m.IDNumber); !ok || tr.IDNumber != m.IDNumber || tr.Name != m.Name {
				t.Fatalf("truth of a copied member: %+v, %v", tr, ok)
			}
		}
	}
}

// BenchmarkExtend grows a 1,000-household population to a city of
// 120,000 households.
func BenchmarkExtend(b *testing.B) {
	now := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	base := Generate(Config{Seed: 3, Households: 1000, Now: now})
	b.ResetTimer()
	for range b.N {
		pop := &Population{Seed: base.Seed, Now: base.Now, Households: append([]Household(nil), base.Households...)}
		pop.Extend(120_000)
	}
	b.ReportMetric(float64(120_000*b.N)/b.Elapsed().Seconds(), "households/s")
}

func TestMerge(t *testing.T) {
	now := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	towns := []string{"621002100"}
	p := Generate(Config{Seed: 1, Households: 30, Townships: towns, Now: now})
	q := Generate(Config{Seed: 1, Households: 30, Townships: towns, Now: now}) // the same people: every number collides
	p.Merge(q)
	seen := map[string]bool{}
	for _, h := range p.Households {
		for _, m := range h.Members {
			if seen[m.IDNumber] {
				t.Fatalf("ID number %s appears twice after Merge", m.IDNumber)
			}
			seen[m.IDNumber] = true
		}
	}
	if len(p.Households) != 60 {
		t.Fatalf("%d households", len(p.Households))
	}
	for _, m := range q.Households[0].Members {
		if _, ok := p.Find(m.IDNumber); !ok {
			t.Fatalf("a merged member is unknown to the population")
		}
	}
}

// TestRecipientCopies: the changes of a recipients' population follow
// their members into Extend's copies and Merge's renumbering.
func TestRecipientCopies(t *testing.T) {
	now := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	gen := func() *Population {
		return Generate(Config{Seed: 9, Households: 60, Now: now, Recipients: true, DiscrepancyRate: 0.5})
	}
	p, q := gen(), gen()
	p.Extend(150)
	p.Merge(q)
	changed := 0
	for _, h := range p.Households {
		if len(h.Discrepancies) > 0 {
			t.Fatalf("household %s of recipients has discrepancies", h.Key)
		}
		for _, c := range h.Changes {
			changed++
			if _, ok := h.Truth[c.IDNumber]; !ok {
				t.Fatalf("household %s: change %+v is about nobody of it", h.Key, c)
			}
		}
	}
	if changed < 50 {
		t.Fatalf("%d changes among %d households", changed, len(p.Households))
	}
}
