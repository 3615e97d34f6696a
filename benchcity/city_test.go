package benchcity

import (
	"testing"

	"hedui"
)

var countyItems = CountyItems()

func TestCityShape(t *testing.T) {
	c := NewCity(4000, Day)
	perHousehold := float64(c.People()) / float64(c.Households())
	if perHousehold < 2.3 || perHousehold > 2.7 {
		t.Errorf("%.2f members per household, want about 2.5", perHousehold)
	}
	hidden := 0
	for _, h := range c.Pop.Households {
		if len(h.Changes) > 0 {
			hidden++
		}
	}
	if share := float64(hidden) / float64(c.Households()); share < HiddenShare/2 || share > HiddenShare*1.5 {
		t.Errorf("%.3f of households changed since the roll, want about %.2f", share, HiddenShare)
	}
	rows, found := 0, 0
	err := c.EachAnswer(countyItems, func(_ int, _ string, a hedui.Answer) error {
		rows++
		if !a.NoRecord {
			found++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if perHousehold := float64(rows) / float64(c.Households()); perHousehold < 23 || perHousehold > 27 {
		t.Errorf("%.1f answer rows per household, want about 25", perHousehold)
	}
	if found == 0 || found == rows {
		t.Errorf("%d of %d answers found something", found, rows)
	}
}

func BenchmarkCityAnswers(b *testing.B) {
	c := NewCity(3000, Day)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		_ = c.EachAnswer(countyItems, func(int, string, hedui.Answer) error { n++; return nil })
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "answers/s")
}

func BenchmarkNewCity(b *testing.B) {
	n := 0
	for b.Loop() {
		n += NewCity(10000, Day).Households()
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "households/s")
}
