package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"hedui/report/internal/ttf"
)

var base = sync.OnceValue(func() *ttf.Base {
	data, err := os.ReadFile("../../fonts/NotoSansSC_400Regular.ttf")
	if err != nil {
		panic(err)
	}
	f, err := ttf.Parse(data)
	if err != nil {
		panic(err)
	}
	return ttf.NewBase(f, []rune("核对报告编号0123456789"))
})

func render(t testing.TB, text ...string) []byte {
	d := NewDoc(base())
	d.Info = Info{Title: "测试", Producer: "hedui", Created: time.Date(2026, 3, 15, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))}
	for i, s := range text {
		p := d.AddPage()
		p.Text(50, 80, s, Style{Size: 14, Bold: i == 0})
		p.FillRect(50, 100, 200, 20, [3]float64{1, 0.9, 0.8})
		p.Line(50, 130, 300, 130, 0.5, 0.4)
		p.Text(50, 160, "𠮷 missing glyph", Style{Size: 9, Gray: 0.3})
	}
	var buf bytes.Buffer
	if _, err := d.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	out := render(t, "核对报告 张喆 马文堃 No.123", "第二页 ▲不一致")
	if !bytes.Equal(out, render(t, "核对报告 张喆 马文堃 No.123", "第二页 ▲不一致")) {
		t.Error("not deterministic")
	}
	dir := t.TempDir()
	os.WriteFile(dir+"/t.pdf", out, 0o644)
	txt, err := exec.Command("pdftotext", "-layout", dir+"/t.pdf", "-").CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, txt)
	}
	for _, want := range []string{"张喆", "马文堃", "No.123", "▲不一致", "𠮷"} {
		if !strings.Contains(string(txt), want) {
			t.Errorf("text lacks %q:\n%s", want, txt)
		}
	}
	fonts, _ := exec.Command("pdffonts", dir+"/t.pdf").CombinedOutput()
	t.Logf("%s", fonts)
	if !strings.Contains(string(fonts), "CID TrueType") || !strings.Contains(string(fonts), "yes yes yes") {
		t.Errorf("font not embedded as a subset:\n%s", fonts)
	}
	if os.Getenv("PDF_KEEP") != "" {
		os.WriteFile(os.Getenv("PDF_KEEP"), out, 0o644)
	}
}
