package sheet

import (
	"testing"

	"hedui"
)

func TestParseYuan(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want hedui.Fen
		err  bool
	}{
		{in: "0", want: 0},
		{in: "0.5", want: 50},
		{in: "12.3", want: 1230},
		{in: "12.30", want: 1230},
		{in: "1,234.56", want: 123456},
		{in: "1,234,567", want: 123456700},
		{in: "-1", want: -100},
		{in: "-12.30", want: -1230},
		{in: "+7", want: 700},
		{in: "¥12", want: 1200},
		{in: "¥1234.5", want: 123450},
		{in: "￥-3.01", want: -301},
		{in: "-¥3.01", want: -301},
		{in: "12元", want: 1200},
		{in: "999999999999999.99", want: 99999999999999999},
		{in: "0.07", want: 7},
		{in: "1.234", err: true},
		{in: "abc", err: true},
		{in: "", err: true},
		{in: "-", err: true},
		{in: "¥", err: true},
		{in: "1.", err: true},
		{in: ".5", err: true},
		{in: "12,34", err: true},
		{in: "1234,567", err: true},
		{in: ",123", err: true},
		{in: "1,,234", err: true},
		{in: "1 234", err: true},
		{in: "--1", err: true},
		{in: "1e3", err: true},
		{in: "0x10", err: true},
		{in: "1.2.3", err: true},
		{in: "1000000000000000", err: true}, // 16 integer digits
		{in: "１２", err: true},               // full-width digits are not guessed at
	} {
		got, err := ParseYuan(tc.in)
		if (err != nil) != tc.err || (!tc.err && got != tc.want) {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d, error %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestFormatHundredthsRoundTrip(t *testing.T) {
	for _, v := range []int64{0, 1, 9, 10, 99, 100, 123456, -1, -50, -1230, 99999999999999999, -99999999999999999} {
		s := FormatHundredths(v)
		got, err := ParseYuan(s)
		if err != nil || int64(got) != v {
			t.Errorf("FormatHundredths(%d) = %q, reads back as %d, %v", v, s, got, err)
		}
	}
	if s := FormatHundredths(-5); s != "-0.05" {
		t.Errorf("FormatHundredths(-5) = %q", s)
	}
	if s := FormatHundredths(-1 << 63); s != "-92233720368547758.08" {
		t.Errorf("FormatHundredths(min) = %q", s)
	}
}

func TestParseAreaAndQuantity(t *testing.T) {
	for _, tc := range []struct {
		in      string
		area    int64
		areaErr bool
		qty     int
		qtyErr  bool
	}{
		{in: "89.5", area: 8950, qtyErr: true},
		{in: "120", area: 12000, qty: 120},
		{in: "2.00", area: 200, qty: 2},
		{in: "1,200.25㎡", area: 120025, qtyErr: true},
		{in: "60平方米", area: 6000, qtyErr: true},
		{in: "-3", areaErr: true, qtyErr: true},
		{in: "1.234", areaErr: true, qtyErr: true},
		{in: "三", areaErr: true, qtyErr: true},
		{in: "99999999999", area: 9999999999900, qtyErr: true}, // more vehicles than fit an int32
	} {
		area, err := ParseArea(tc.in)
		if (err != nil) != tc.areaErr || (!tc.areaErr && area != tc.area) {
			t.Errorf("ParseArea(%q) = %d, %v; want %d, error %v", tc.in, area, err, tc.area, tc.areaErr)
		}
		qty, err := ParseQuantity(tc.in)
		if (err != nil) != tc.qtyErr || (!tc.qtyErr && qty != tc.qty) {
			t.Errorf("ParseQuantity(%q) = %d, %v; want %d, error %v", tc.in, qty, err, tc.qty, tc.qtyErr)
		}
	}
}

func TestExcelNumber(t *testing.T) {
	for in, want := range map[string]string{
		"1234.5599999999999":     "1234.56",
		"0.30000000000000004":    "0.3",
		"1358.0160000000001":     "1358.016", // still three decimals: a real mistake
		"1234.56":                "1234.56",
		"621002199001011234":     "621002199001011234", // integers are never touched
		"6.2100219900101101E+17": "6.2100219900101101E+17",
		"abc.defghijklmnopqrstu": "abc.defghijklmnopqrstu",
	} {
		if got := ExcelNumber(in); got != want {
			t.Errorf("ExcelNumber(%q) = %q, want %q", in, got, want)
		}
	}
}
