package deptsim

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"hedui"
	"hedui/idcard"
)

// testNow is fixed so that populations do not change with the calendar.
var testNow = time.Date(2025, time.March, 3, 0, 0, 0, 0, time.UTC)

func TestGenerateDeterministic(t *testing.T) {
	cfg := Config{Seed: 7, Households: 300, Now: testNow.Add(15 * time.Hour)}
	a, err := json.Marshal(Generate(cfg))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Now = testNow // only the date of Now matters
	b, _ := json.Marshal(Generate(cfg))
	if !bytes.Equal(a, b) {
		t.Fatal("the same configuration gave two different populations")
	}
	cfg.Seed = 8
	c, _ := json.Marshal(Generate(cfg))
	if bytes.Equal(a, c) {
		t.Fatal("a different seed gave the same population")
	}
}

func TestIDNumbersUniqueAndValid(t *testing.T) {
	pop := Generate(Config{Seed: 42, Households: 20000, Now: testNow})
	if n := pop.People(); n < 50000 {
		t.Fatalf("only %d people; the test wants at least 50 000", n)
	}
	seen := make(map[string]bool, pop.People())
	for _, h := range pop.Households {
		for _, m := range h.Members {
			n, err := idcard.Parse(m.IDNumber, testNow)
			if err != nil || n.Canonical != m.IDNumber {
				t.Fatalf("household %s: invalid ID number %s: %v", h.Key, idcard.Mask(m.IDNumber), err)
			}
			if seen[m.IDNumber] {
				t.Fatalf("ID number %s given twice", idcard.Mask(m.IDNumber))
			}
			seen[m.IDNumber] = true
			if !slices.Contains(qingyangCounties, n.Area) {
				t.Errorf("area %s is not a 庆阳 county", n.Area)
			}
			if _, ok := h.Truth[m.IDNumber]; !ok {
				t.Errorf("household %s has no truth for a member", h.Key)
			}
		}
	}
}

// TestIDRunOverflow crowds one area, day and gender far past the 500
// sequence numbers it has, to show uniqueness does not depend on luck.
func TestIDRunOverflow(t *testing.T) {
	g := newIDs(testNow)
	birth := testNow.AddDate(0, 0, -1) // the day before: overflow must not move into the future
	seen := map[string]bool{}
	for i := range 1500 {
		male := i%3 != 0
		id, b := g.next("621022", birth, male)
		n, err := idcard.Parse(id, testNow)
		switch {
		case err != nil:
			t.Fatalf("invalid number: %v", err)
		case seen[id]:
			t.Fatalf("number %d repeated", i)
		case n.Male != male:
			t.Fatalf("number %d has the wrong gender", i)
		case !n.Birth.Equal(b) || b.After(testNow):
			t.Fatalf("birth %v, encoded %v", b, n.Birth)
		}
		seen[id] = true
	}
}

func TestHouseholdShape(t *testing.T) {
	pop := Generate(Config{Seed: 3, Households: 3000, Now: testNow})
	sizes := map[int]int{}
	rare, compound := 0, 0
	for _, h := range pop.Households {
		sizes[len(h.Members)]++
		heads := 0
		var headAge int
		for i, m := range h.Members {
			n, _ := idcard.Parse(m.IDNumber, testNow)
			age := idcard.Age(n, testNow)
			if m.Relationship == hedui.RelHead {
				heads++
				headAge = age
				if i != 0 {
					t.Errorf("household %s: head is not listed first", h.Key)
				}
			}
			if i > 0 && m.Relationship == hedui.RelChild && age >= headAge {
				t.Errorf("household %s: child aged %d, head %d", h.Key, age, headAge)
			}
			if rc := utf8.RuneCountInString(m.Name); rc < 2 || rc > 4 {
				t.Errorf("name of %d characters", rc)
			}
			if strings.ContainsAny(m.Name, "喆堃") {
				rare++
			}
			if strings.HasPrefix(m.Name, "欧阳") || strings.HasPrefix(m.Name, "司马") || strings.HasPrefix(m.Name, "上官") {
				compound++
			}
			if (age < 16 || age >= 60) && m.Labour != hedui.LabourNone {
				t.Errorf("a person of %d is listed as able to work", age)
			}
		}
		if heads != 1 {
			t.Errorf("household %s has %d heads", h.Key, heads)
		}
	}
	for size := 1; size <= 6; size++ {
		if sizes[size] == 0 {
			t.Errorf("no household of %d", size)
		}
	}
	if len(sizes) != 6 {
		t.Errorf("household sizes %v, want 1 to 6", sizes)
	}
	if rare == 0 || compound == 0 {
		t.Errorf("%d names with 喆 or 堃, %d compound surnames: both should occur", rare, compound)
	}
}

// TestApplicationsValidate feeds every generated household through the
// same validation a clerk's input goes through.
func TestApplicationsValidate(t *testing.T) {
	pop := Generate(Config{Seed: 5, Households: 1000, Now: testNow})
	for _, h := range pop.Households {
		app := h.Application(hedui.AidDibao, hedui.AidMedical)
		if _, err := hedui.CheckNewApplication("test", &app, testNow); err != nil {
			t.Fatalf("household %s: %v (%s)", h.Key, err, hedui.MessageOf(err))
		}
		if len(app.Declaration.Incomes)+len(app.Declaration.Assets) == 0 {
			t.Fatalf("household %s declares nothing", h.Key)
		}
	}
	// The application is a copy: changing it leaves the population alone.
	h := &pop.Households[0]
	app := h.Application()
	*app.Members[0].LivesTogether = false
	app.Declaration.Incomes[0].AmountFen = -1
	if !*h.Members[0].LivesTogether || h.Declaration.Incomes[0].AmountFen == -1 {
		t.Fatal("Application shares memory with the population")
	}
}

func TestDiscrepancyRate(t *testing.T) {
	tests := []struct {
		rate     float64
		min, max float64
	}{
		{0, 0.27, 0.33}, // the default, 0.3
		{0.1, 0.08, 0.12},
		{-1, 0, 0},
		{1, 1, 1},
	}
	for _, tt := range tests {
		pop := Generate(Config{Seed: 11, Households: 4000, Now: testNow, DiscrepancyRate: tt.rate})
		n := 0
		for _, h := range pop.Households {
			if len(h.Discrepancies) > 0 {
				n++
			}
		}
		if got := float64(n) / 4000; got < tt.min || got > tt.max {
			t.Errorf("rate %v: %.3f of households differ, want %.2f–%.2f", tt.rate, got, tt.min, tt.max)
		}
	}
}

func TestFind(t *testing.T) {
	pop := Generate(Config{Seed: 1, Households: 10, Now: testNow})
	m := pop.Households[4].Members[0]
	got, ok := pop.Find(" " + strings.ToLower(m.IDNumber) + " ")
	if !ok || got.Name != m.Name {
		t.Fatalf("Find(%s) = %v, %v", idcard.Mask(m.IDNumber), got.Name, ok)
	}
	if _, ok := pop.Find("110105194912310021"); ok {
		t.Fatal("found a stranger")
	}
}

func TestGenerateRejectsBadTownship(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("a malformed township code should panic")
		}
	}()
	Generate(Config{Townships: []string{"62100"}})
}

func BenchmarkGenerate(b *testing.B) {
	const households = 100000
	n := 0
	for b.Loop() {
		Generate(Config{Seed: uint64(n), Households: households, Now: testNow})
		n++
	}
	b.ReportMetric(float64(n*households)/b.Elapsed().Seconds(), "households/s")
}
