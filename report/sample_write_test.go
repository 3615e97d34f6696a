package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteSample writes sample.pdf, sample.html and long.pdf for
// inspection when HEDUI_REPORT_SAMPLE names a directory.
func TestWriteSample(t *testing.T) {
	dir := os.Getenv("HEDUI_REPORT_SAMPLE")
	if dir == "" {
		t.Skip("set HEDUI_REPORT_SAMPLE=dir to write sample.pdf and sample.html there")
	}
	c, opt := sampleContent()
	var pdf, html bytes.Buffer
	if err := RenderPDF(&pdf, c, opt); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sample.pdf"), pdf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := RenderHTML(&html, c, opt); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sample.html"), html.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	big, opt := bigContent()
	pdf.Reset()
	if err := RenderPDF(&pdf, big, opt); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "long.pdf"), pdf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote sample.pdf, sample.html and long.pdf (40 members, 300 rows) to %s", dir)
}
