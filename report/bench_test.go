package report

import (
	"bytes"
	"testing"
)

// BenchmarkRenderPDF renders the typical report (three members, twelve
// sources, four pages) and reports reports per second.
func BenchmarkRenderPDF(b *testing.B) {
	c, opt := sampleContent()
	var buf bytes.Buffer
	if err := RenderPDF(&buf, c, opt); err != nil { // parse the font outside the timing
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		buf.Reset()
		if err := RenderPDF(&buf, c, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
	b.ReportMetric(float64(buf.Len()), "bytes/report")
}

// BenchmarkRenderPDFParallel is the same on every core.
func BenchmarkRenderPDFParallel(b *testing.B) {
	c, opt := sampleContent()
	if err := RenderPDF(&bytes.Buffer{}, c, opt); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var buf bytes.Buffer
		for pb.Next() {
			buf.Reset()
			if err := RenderPDF(&buf, c, opt); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

// BenchmarkRenderHTML renders the typical report as a web page.
func BenchmarkRenderHTML(b *testing.B) {
	c, opt := sampleContent()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := RenderHTML(&buf, c, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}
