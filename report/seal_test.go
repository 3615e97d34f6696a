package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"testing"

	"hedui"
)

var testKey = []byte("0123456789abcdef-test-key")

func TestSeal(t *testing.T) {
	pdf := []byte("%PDF-1.7 test")
	sum, code := Seal(pdf, testKey)
	want := sha256.Sum256(pdf)
	if sum != hex.EncodeToString(want[:]) {
		t.Errorf("sha256 %s", sum)
	}
	if !regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$`).MatchString(code) {
		t.Errorf("code %q", code)
	}
	if _, c2 := Seal(pdf, testKey); c2 != code {
		t.Error("code not deterministic")
	}
	if _, other := Seal(pdf, []byte("another key of 16+ bytes")); other == code {
		t.Error("code does not depend on the key")
	}
	if _, other := Seal(append(pdf, ' '), testKey); other == code {
		t.Error("code does not depend on the document")
	}
}

func TestParseCode(t *testing.T) {
	for in, want := range map[string]string{
		"7KQ2-M9XD": "7KQ2-M9XD", "7kq2m9xd": "7KQ2-M9XD", " 7kq2 - m9xd ": "7KQ2-M9XD",
		"OIL0-abcd": "0110-ABCD", "7KQ2-M9XU": "", "7KQ2-M9X": "", "7KQ2-M9XD1": "", "核验码": "",
	} {
		got, ok := ParseCode(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParseCode(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestIssue(t *testing.T) {
	c, opt := sampleContent()
	if _, err := Issue(c, opt, []byte("short")); err == nil {
		t.Error("short key accepted")
	}
	is, err := Issue(c, opt, testKey)
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(is.PDF); hex.EncodeToString(sum[:]) != is.SHA256 {
		t.Error("SHA256 is not the PDF's")
	}
	// The code is the draft's, and re-rendering with it reproduces the PDF.
	opt.Code = ""
	_, code := Seal(renderPDF(t, c, opt), testKey)
	if code != is.Code {
		t.Errorf("code %s, draft gives %s", is.Code, code)
	}
	opt.Code = is.Code
	if !bytes.Equal(renderPDF(t, c, opt), is.PDF) {
		t.Error("re-rendering with the stored code differs")
	}
	if text := pdfText(t, is.PDF); !strings.Contains(text, "核验码："+is.Code+"，可在 https://hedui.example.gov.cn/verify 查验") {
		t.Errorf("PDF lacks the code line")
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		scheme NumberScheme
		county string
		year   int
		seq    int64
		want   string
	}{
		{"", "621002", 2026, 123, "621002-2026-核-000123"},
		{DefaultScheme, "621027", 2027, 999999, "621027-2027-核-999999"},
		{"HD{year}{county}{seq:8}", "621002", 2026, 42, "HD202662100200000042"},
		{"{county}-{year}-{seq}", "621002", 2026, 1234567, "621002-2026-1234567"},
		{"{county}({year})第{seq:4}号", "621002", 2026, 7, "621002(2026)第0007号"},
	} {
		got, err := FormatNumber(tc.scheme, tc.county, tc.year, tc.seq)
		if err != nil || got != tc.want {
			t.Errorf("FormatNumber(%q, %s, %d, %d) = %q, %v; want %q", tc.scheme, tc.county, tc.year, tc.seq, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		scheme NumberScheme
		county string
		year   int
		seq    int64
	}{
		{DefaultScheme, "62100", 2026, 1},    // county not 6 digits
		{DefaultScheme, "62100A", 2026, 1},   // not digits
		{DefaultScheme, "621002", 26, 1},     // year
		{DefaultScheme, "621002", 2026, 0},   // sequence from 1
		{DefaultScheme, "621002", 2026, 1e6}, // too wide for {seq:6}
		{"{county}-{year}", "621002", 2026, 1},
		{"{seq}{seq}", "621002", 2026, 1},
		{"{seq:0}", "621002", 2026, 1},
		{"{seq:13}", "621002", 2026, 1},
		{"{county:2}{seq}", "621002", 2026, 1},
		{"{town}{seq}", "621002", 2026, 1},
		{"{seq", "621002", 2026, 1},
		{"a b{seq}", "621002", 2026, 1},
		{"a/b{seq}", "621002", 2026, 1},
		{"a}{seq}", "621002", 2026, 1},
	} {
		if got, err := FormatNumber(tc.scheme, tc.county, tc.year, tc.seq); err == nil {
			t.Errorf("FormatNumber(%q, %s, %d, %d) = %q, want an error", tc.scheme, tc.county, tc.year, tc.seq, got)
		}
	}
	if DefaultScheme.Validate() != nil || NumberScheme("{year}").Validate() == nil {
		t.Error("Validate")
	}
}

func TestMoney(t *testing.T) {
	for f, want := range map[hedui.Fen]string{
		0: "0.00", 5: "0.05", -5: "-0.05", 100: "1.00", 123456: "1,234.56", -123456: "-1,234.56",
		100000000: "1,000,000.00", 99999: "999.99", 12345678901: "123,456,789.01",
	} {
		if got := Money(f); got != want {
			t.Errorf("Money(%d) = %q, want %q", f, got, want)
		}
	}
}

func TestRecordText(t *testing.T) {
	d := func(s string) hedui.Date { x, _ := hedui.ParseDate(s); return x }
	for _, tc := range []struct {
		r    hedui.Record
		want string
	}{
		{hedui.Record{Kind: hedui.RecordDeposit, AmountFen: 1234567, Fields: map[string]string{"账号尾号": "4471", "开户行": "农行"}},
			"存款：余额12,345.67元，开户行：农行，账号尾号：4471"},
		{hedui.Record{Kind: hedui.RecordSalary, AmountFen: 300000, PeriodFrom: d("2026-01-01"), PeriodTo: d("2026-01-31")},
			"财政供养工资：应发3,000.00元，2026-01"},
		{hedui.Record{Kind: hedui.RecordFarmland, AmountFen: 48650, PeriodFrom: d("2025-01-01"), PeriodTo: d("2025-12-31")},
			"耕地地力保护补贴：发放486.50元，2025年度"},
		{hedui.Record{Kind: hedui.RecordHouse, Quantity: 1, AreaM2x100: 8950, PeriodFrom: d("2012-04-11")},
			"房产：登记日期2012-04-11，面积89.50㎡"},
		{hedui.Record{Kind: hedui.RecordDeceased, PeriodFrom: d("2025-11-02")}, "死亡注销：死亡日期2025-11-02"},
		{hedui.Record{Kind: "pigs", Quantity: 12, Description: "养殖"}, "pigs：数量12，养殖"},
		{hedui.Record{Kind: hedui.RecordResident}, "户籍登记"},
		{hedui.Record{Kind: hedui.RecordContribution, AmountFen: 100, PeriodFrom: d("2026-01-05"), PeriodTo: d("2026-02-04")},
			"社保缴费：缴费基数1.00元，2026-01-05至2026-02-04"},
	} {
		if got := recordText(&tc.r); got != tc.want {
			t.Errorf("recordText = %q, want %q", got, tc.want)
		}
	}
}

func TestChineseNumber(t *testing.T) {
	for n, want := range map[int]string{1: "一", 10: "十", 12: "十二", 20: "二十", 21: "二十一", 99: "九十九", 100: "100"} {
		if got := chineseNumber(n); got != want {
			t.Errorf("chineseNumber(%d) = %q, want %q", n, got, want)
		}
	}
}
