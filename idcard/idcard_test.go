package idcard

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// testNow is fixed so that the future-date cases do not rot.
var testNow = time.Date(2024, time.June, 15, 10, 0, 0, 0, time.UTC)

func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Check characters below were computed independently of this package.
func TestParseValid(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		canon string
		area  string
		birth time.Time
		male  bool
	}{
		{"GB 11643 sample, X check, 1900s, female", "11010519491231002X", "11010519491231002X", "110105", date(1949, 12, 31), false},
		{"GB 11643 sample, earliest birth", "440524188001010014", "440524188001010014", "440524", date(1880, 1, 1), true},
		{"2000s male", "621002201003151235", "621002201003151235", "621002", date(2010, 3, 15), true},
		{"2000s female", "330106200511200861", "330106200511200861", "330106", date(2005, 11, 20), false},
		{"born on 29 Feb, X check", "41030220000229018X", "41030220000229018X", "410302", date(2000, 2, 29), false},
		{"Hong Kong residence permit", "810000198506120032", "810000198506120032", "810000", date(1985, 6, 12), true},
		{"born today", "320583202406150075", "320583202406150075", "320583", date(2024, 6, 15), true},
		{"lower-case x", "11010519491231002x", "11010519491231002X", "110105", date(1949, 12, 31), false},
		{"full-width digits and X", "１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", "110105", date(1949, 12, 31), false},
		{"full-width lower-case x", "11010519491231002ｘ", "11010519491231002X", "110105", date(1949, 12, 31), false},
		{"surrounding spaces incl. U+3000", "\u3000 11010519491231002X\t\r\n", "11010519491231002X", "110105", date(1949, 12, 31), false},
		{"BOM, NBSP and zero-width space", "\uFEFF\u00a0621002201003151235\u200B", "621002201003151235", "621002", date(2010, 3, 15), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse(tt.in, testNow)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			want := Number{Canonical: tt.canon, Area: tt.area, Birth: tt.birth, Male: tt.male}
			if n != want {
				t.Errorf("got %#v, want %#v", n, want)
			}
			wantGender := "female"
			if tt.male {
				wantGender = "male"
			}
			if g := n.Gender(); g != wantGender {
				t.Errorf("Gender() = %q, want %q", g, wantGender)
			}
		})
	}
}

func TestParseNowUsesCallerCalendarDate(t *testing.T) {
	// 00:30 on 16 June in Beijing is still 15 June in UTC; a baby born on
	// 16 June and registered at that moment must be accepted.
	cst := time.FixedZone("CST", 8*3600)
	now := time.Date(2024, time.June, 16, 0, 30, 0, 0, cst)
	s := Make("320583", date(2024, 6, 16), 7)
	n, err := Parse(s, now)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if !n.Birth.Equal(date(2024, 6, 16)) || n.Birth.Location() != time.UTC {
		t.Errorf("Birth = %v, want 2024-06-16 UTC", n.Birth)
	}
	if _, err := Parse(s, now.UTC()); !isReason(err, ReasonBirthFuture) {
		t.Errorf("with UTC now: err = %v, want %v", err, ReasonBirthFuture)
	}
}

func isReason(err error, r Reason) bool {
	var e *Error
	return errors.As(err, &e) && e.Reason == r
}

// longDigits finds anything that could be most of an identity number.
var longDigits = regexp.MustCompile(`[0-9]{9,}`)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Error
		chinese string
	}{
		{"empty", "", Error{Reason: ReasonLength}, "身份证号码为空，请填写"},
		{"only spaces", " \u3000 ", Error{Reason: ReasonLength}, "身份证号码为空，请填写"},
		{"17 digits", "11010519491231002", Error{Reason: ReasonLength, Length: 17}, "身份证号码应为18位，当前为17位"},
		{"19 characters", "11010519491231002X1", Error{Reason: ReasonLength, Length: 19}, "身份证号码应为18位，当前为19位"},
		{"legacy 15 digits", "110105491231002", Error{Reason: ReasonLength, Length: 15}, "身份证号码应为18位，当前为15位，疑似旧版15位号码，请核对并录入18位新号码"},
		{"length counts runes", "张三", Error{Reason: ReasonLength, Length: 2}, "身份证号码应为18位，当前为2位"},
		{"letter", "1101051949123100AX", Error{Reason: ReasonCharacters, Pos: 17, Char: 'A'}, "身份证号码第17位“A”无效，只能填写数字，仅最后一位可以是X"},
		{"X not last", "110105194X12310021", Error{Reason: ReasonCharacters, Pos: 10, Char: 'X'}, "身份证号码第10位“X”无效，只能填写数字，仅最后一位可以是X"},
		{"letter O for zero", "11O10519491231002X", Error{Reason: ReasonCharacters, Pos: 3, Char: 'O'}, "身份证号码第3位“O”无效，只能填写数字，仅最后一位可以是X"},
		{"Chinese character", "11010519491231002号", Error{Reason: ReasonCharacters, Pos: 18, Char: '号'}, "身份证号码第18位“号”无效，只能填写数字，仅最后一位可以是X"},
		{"inner space", "110105 9491231002X", Error{Reason: ReasonCharacters, Pos: 7, Char: ' '}, "身份证号码第7位有多余的空格，只能填写数字，仅最后一位可以是X"},
		{"invalid UTF-8", "1101051949123100\xff2", Error{Reason: ReasonCharacters, Pos: 17, Char: utf8.RuneError}, "身份证号码第17位含有无法识别的字符，只能填写数字，仅最后一位可以是X"},
		{"control character", "1101051949123100\x002", Error{Reason: ReasonCharacters, Pos: 17, Char: 0}, "身份证号码第17位含有无法识别的字符，只能填写数字，仅最后一位可以是X"},
		{"area starts with 0", "010105194912310021", Error{Reason: ReasonArea}, "身份证号码第1位不能为0，请核对前6位地区码"},
		{"30 February", "621002199902300011", Error{Reason: ReasonBirthDate, Birth: "19990230"}, "身份证号码第7-14位出生日期无效：19990230"},
		{"month 13", "62100219991301001X", Error{Reason: ReasonBirthDate, Birth: "19991301"}, "身份证号码第7-14位出生日期无效：19991301"},
		{"day 00", "621002199901000011", Error{Reason: ReasonBirthDate, Birth: "19990100"}, "身份证号码第7-14位出生日期无效：19990100"},
		{"31 April", "621002199904310011", Error{Reason: ReasonBirthDate, Birth: "19990431"}, "身份证号码第7-14位出生日期无效：19990431"},
		{"29 Feb 1900 is not a leap day", "621002190002290013", Error{Reason: ReasonBirthDate, Birth: "19000229"}, "身份证号码第7-14位出生日期无效：19000229"},
		{"before 1880", "621002187912310012", Error{Reason: ReasonBirthTooEarly, Birth: "18791231"}, "身份证号码第7-14位出生日期早于1880年：18791231，请核对是否录入有误"},
		{"tomorrow", Make("621002", date(2024, 6, 16), 1), Error{Reason: ReasonBirthFuture, Birth: "20240616"}, "身份证号码第7-14位出生日期晚于今天：20240616，请核对是否录入有误"},
		{"far future", "621002203001010016", Error{Reason: ReasonBirthFuture, Birth: "20300101"}, "身份证号码第7-14位出生日期晚于今天：20300101，请核对是否录入有误"},
		{"check should be X", "110105194912310021", Error{Reason: ReasonCheckDigit, Expected: 'X', Found: '1'}, "身份证号码校验位错误：最后一位应为X，请核对是否录入有误"},
		{"transposed digits", "110105194912130024", Error{Reason: ReasonCheckDigit, Expected: '9', Found: '4'}, "身份证号码校验位错误：最后一位应为9，请核对是否录入有误"},
		{"X where a digit belongs", "44052418800101001X", Error{Reason: ReasonCheckDigit, Expected: '4', Found: 'X'}, "身份证号码校验位错误：最后一位应为4，请核对是否录入有误"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse(tt.in, testNow)
			if err == nil {
				t.Fatalf("Parse accepted %q as %q", tt.in, n.Canonical)
			}
			if n != (Number{}) {
				t.Errorf("rejected input returned non-zero Number %#v", n)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error", err)
			}
			if *e != tt.want {
				t.Errorf("got %#v, want %#v", *e, tt.want)
			}
			if got := e.Chinese(); got != tt.chinese {
				t.Errorf("Chinese() = %q, want %q", got, tt.chinese)
			}
			for _, msg := range []string{e.Error(), e.Chinese()} {
				if longDigits.MatchString(msg) {
					t.Errorf("message %q may contain the number", msg)
				}
			}
			if !strings.HasPrefix(e.Error(), "idcard: ") {
				t.Errorf("Error() = %q lacks package prefix", e.Error())
			}
			// Valid uses the real clock, so future-date cases would rot.
			if tt.want.Reason != ReasonBirthFuture && Valid(tt.in) {
				t.Errorf("Valid(%q) = true", tt.in)
			}
		})
	}
}

func TestErrorEnglish(t *testing.T) {
	tests := []struct {
		err  Error
		want string
	}{
		{Error{Reason: ReasonLength, Length: 17}, "idcard: want 18 characters, got 17"},
		{Error{Reason: ReasonLength, Length: 14, Legacy: true}, "idcard: legacy 15-digit number: want 15 characters, got 14"},
		{Error{Reason: ReasonCharacters, Pos: 3, Char: '\n'}, `idcard: invalid character '\n' at position 3`},
		{Error{Reason: ReasonArea}, "idcard: area code must not start with 0"},
		{Error{Reason: ReasonBirthDate, Birth: "19990230"}, "idcard: invalid birth date 19990230 at positions 7-14"},
		{Error{Reason: ReasonBirthTooEarly, Birth: "18791231"}, "idcard: birth date 18791231 is before 1880-01-01"},
		{Error{Reason: ReasonBirthFuture, Birth: "20300101"}, "idcard: birth date 20300101 is in the future"},
		{Error{Reason: ReasonCheckDigit, Expected: 'X', Found: '1'}, "idcard: check character is 1, want X"},
		{Error{}, "idcard: invalid number (Reason(0))"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%#v.Error() = %q, want %q", tt.err, got, tt.want)
		}
	}
	if got := (&Error{}).Chinese(); got != "身份证号码无效" {
		t.Errorf("zero Error Chinese() = %q", got)
	}
}

func TestValid(t *testing.T) {
	if !Valid("11010519491231002X") {
		t.Error("Valid rejected the GB 11643 sample")
	}
	if Valid("11010519491231002") {
		t.Error("Valid accepted 17 digits")
	}
	if Valid(Make("110105", time.Now().AddDate(0, 0, 2), 1)) {
		t.Error("Valid accepted a birth date after today")
	}
}

func TestUpgrade15(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		err     Error
		chinese string
	}{
		{name: "GB 11643 sample", in: "110105491231002", want: "11010519491231002X"},
		{name: "digit check", in: "630102701010055", want: "630102197010100556"},
		{name: "full-width and padded", in: "\u3000１１０１０５４９１２３１００２ ", want: "11010519491231002X"},
		{name: "18 digits given", in: "11010519491231002X", err: Error{Reason: ReasonLength, Length: 18, Legacy: true}, chinese: "旧版15位身份证号码应为15位，当前为18位"},
		{name: "empty", in: "", err: Error{Reason: ReasonLength, Legacy: true}, chinese: "旧版15位身份证号码为空，请填写"},
		{name: "X not allowed", in: "11010549123100X", err: Error{Reason: ReasonCharacters, Pos: 15, Char: 'X', Legacy: true}, chinese: "旧版15位身份证号码第15位“X”无效，只能填写数字"},
		{name: "area starts with 0", in: "010105491231002", err: Error{Reason: ReasonArea, Legacy: true}, chinese: "旧版15位身份证号码第1位不能为0，请核对前6位地区码"},
		{name: "29 Feb 1900", in: "110105000229002", err: Error{Reason: ReasonBirthDate, Birth: "000229", Legacy: true}, chinese: "旧版15位身份证号码第7-12位出生日期无效：000229"},
		{name: "month 13", in: "110105491301002", err: Error{Reason: ReasonBirthDate, Birth: "491301", Legacy: true}, chinese: "旧版15位身份证号码第7-12位出生日期无效：491301"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Upgrade15(tt.in)
			if tt.want != "" {
				if err != nil {
					t.Fatalf("Upgrade15: %v", err)
				}
				if got != tt.want {
					t.Errorf("got %q, want %q", got, tt.want)
				}
				if _, err := Parse(got, testNow); err != nil {
					t.Errorf("upgraded number does not parse: %v", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got (%q, %v), want *Error", got, err)
			}
			if got != "" {
				t.Errorf("result %q returned with error", got)
			}
			if *e != tt.err {
				t.Errorf("got %#v, want %#v", *e, tt.err)
			}
			if c := e.Chinese(); c != tt.chinese {
				t.Errorf("Chinese() = %q, want %q", c, tt.chinese)
			}
		})
	}
}

func TestCheckChar(t *testing.T) {
	tests := []struct {
		in      string
		want    byte
		wantErr bool
	}{
		{in: "11010519491231002", want: 'X'},
		{in: "44052418800101001", want: '4'},
		{in: "53010219991231999", want: '0'},
		{in: "62100220100315123", want: '5'},
		{in: "00000000000000000", want: '1'},
		{in: "1101051949123100", wantErr: true},
		{in: "11010519491231002X", wantErr: true},
		{in: "1101051949123100X", wantErr: true},
		{in: "１１０１０５１９４９１２３１００２", wantErr: true},
		{in: "", wantErr: true},
	}
	for _, tt := range tests {
		got, err := CheckChar(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("CheckChar(%q) = (%q, %v), want (%q, error %v)", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestCheckCharDetectsSingleErrors pins the property that makes the check
// character worth having: every single-digit typo is caught.
func TestCheckCharDetectsSingleErrors(t *testing.T) {
	base := "62100220100315123"
	want, _ := CheckChar(base)
	for i := range 17 {
		for d := byte('0'); d <= '9'; d++ {
			if d == base[i] {
				continue
			}
			typo := base[:i] + string(d) + base[i+1:]
			if got, _ := CheckChar(typo); got == want {
				t.Errorf("typo at %d (%c) not detected", i+1, d)
			}
		}
	}
}

func TestMake(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	tests := []struct {
		area  string
		birth time.Time
		seq   int
		want  string
	}{
		{"110105", date(1949, 12, 31), 2, "11010519491231002X"},
		{"440524", date(1880, 1, 1), 1, "440524188001010014"},
		{"621002", date(2010, 3, 15), 123, "621002201003151235"},
		{"410302", date(2000, 2, 29), 18, "41030220000229018X"},
		// The calendar date is read in birth's own location.
		{"110105", time.Date(1949, 12, 31, 23, 30, 0, 0, cst), 2, "11010519491231002X"},
		{"530102", date(1999, 12, 31), 999, "530102199912319990"},
		{"830000", date(1990, 1, 1), 0, ""},
	}
	for _, tt := range tests {
		got := Make(tt.area, tt.birth, tt.seq)
		if tt.want != "" && got != tt.want {
			t.Errorf("Make(%q, %v, %d) = %q, want %q", tt.area, tt.birth, tt.seq, got, tt.want)
		}
		n, err := Parse(got, testNow)
		if err != nil {
			t.Errorf("Make(%q, %v, %d) = %q does not parse: %v", tt.area, tt.birth, tt.seq, got, err)
			continue
		}
		y, m, d := tt.birth.Date()
		if n.Area != tt.area || !n.Birth.Equal(date(y, m, d)) || n.Male != (tt.seq%2 == 1) {
			t.Errorf("Make(%q, %v, %d) parsed back as %+v", tt.area, tt.birth, tt.seq, n)
		}
	}
}

func TestMakePanics(t *testing.T) {
	tests := []struct {
		name  string
		area  string
		birth time.Time
		seq   int
	}{
		{"short area", "11010", date(1990, 1, 1), 1},
		{"area starts with 0", "010105", date(1990, 1, 1), 1},
		{"non-digit area", "11010A", date(1990, 1, 1), 1},
		{"full-width area", "１１０１０５", date(1990, 1, 1), 1},
		{"negative seq", "110105", date(1990, 1, 1), -1},
		{"seq too large", "110105", date(1990, 1, 1), 1000},
		{"zero time", "110105", time.Time{}, 1},
		{"5-digit year", "110105", date(10000, 1, 1), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("Make did not panic")
				}
			}()
			Make(tt.area, tt.birth, tt.seq)
		})
	}
}

func TestMask(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", ""},
		{"only spaces", " \u3000\t", ""},
		{"one", "1", "*"},
		{"five", "12345", "*****"},
		{"six keeps last 2", "123456", "****56"},
		{"nine", "123456789", "*******89"},
		{"fourteen", "12345678901234", "************34"},
		{"legacy fifteen", "110105491231002", "110105*****1002"},
		{"seventeen", "11010519491231002", "110105*******1002"},
		{"eighteen", "621002201003151235", "621002********1235"},
		{"X check", "11010519491231002X", "110105********002X"},
		{"trimmed", "\u3000 11010519491231002X\n", "110105********002X"},
		{"full-width kept as entered", "１１０１０５１９４９１２３１００２Ｘ", "１１０１０５********００２Ｘ"},
		{"unicode short", "张三", "**"},
		{"unicode long", "张三李四王五赵六钱七孙八周九吴十郑冯", "张三李四王五********吴十郑冯"},
		{"control characters hidden", "1\n3456" + strings.Repeat("0", 8) + "12\r4", "1*3456********12*4"},
		{"invalid UTF-8 hidden", "\xff23456" + strings.Repeat("0", 8) + "1234", "*23456********1234"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Mask(tt.in)
			if got != tt.want {
				t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("Mask(%q) = %q is not valid UTF-8", tt.in, got)
			}
		})
	}
}

func TestNumberDoesNotLeakWhenPrinted(t *testing.T) {
	n, err := Parse("11010519491231002X", testNow)
	if err != nil {
		t.Fatal(err)
	}
	const masked = "110105********002X"
	for _, s := range []string{fmt.Sprint(n), fmt.Sprintf("%v", n), fmt.Sprintf("%+v", n), n.String()} {
		if s != masked {
			t.Errorf("formatted Number = %q, want %q", s, masked)
		}
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("imported", "id", n)
	if strings.Contains(buf.String(), n.Canonical) || !strings.Contains(buf.String(), masked) {
		t.Errorf("slog output %q does not mask the number", buf.String())
	}
}

func TestAge(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	tests := []struct {
		name  string
		birth time.Time
		on    time.Time
		want  int
	}{
		{"day of birth", date(1990, 5, 20), date(1990, 5, 20), 0},
		{"before birth", date(1990, 5, 20), date(1989, 1, 1), 0},
		{"day before birthday", date(1990, 5, 20), date(2024, 5, 19), 33},
		{"on birthday", date(1990, 5, 20), date(2024, 5, 20), 34},
		{"after birthday", date(1990, 5, 20), date(2024, 12, 31), 34},
		{"earlier month", date(1990, 5, 20), date(2024, 4, 30), 33},
		{"on's own calendar date is used", date(1990, 5, 20), time.Date(2024, 5, 20, 0, 30, 0, 0, cst), 34},
		{"29 Feb: 28 Feb in common year", date(2000, 2, 29), date(2001, 2, 28), 0},
		{"29 Feb: 1 Mar in common year", date(2000, 2, 29), date(2001, 3, 1), 1},
		{"29 Feb: 28 Feb in leap year", date(2000, 2, 29), date(2004, 2, 28), 3},
		{"29 Feb: 29 Feb in leap year", date(2000, 2, 29), date(2004, 2, 29), 4},
		{"29 Feb: 2100 is a common year", date(2000, 2, 29), date(2100, 2, 28), 99},
		{"29 Feb: 1 Mar 2100", date(2000, 2, 29), date(2100, 3, 1), 100},
		{"1 Mar birthday in leap year", date(2000, 3, 1), date(2004, 2, 29), 3},
		{"oldest", date(1880, 1, 1), date(2024, 1, 1), 144},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Age(Number{Birth: tt.birth}, tt.on); got != tt.want {
				t.Errorf("Age(%v, %v) = %d, want %d", tt.birth.Format(time.DateOnly), tt.on, got, tt.want)
			}
		})
	}
}

func TestReasonString(t *testing.T) {
	for r := ReasonLength; r <= ReasonCheckDigit; r++ {
		if s := r.String(); s == "" || strings.HasPrefix(s, "Reason(") {
			t.Errorf("Reason %d has no name", r)
		}
	}
	if s := Reason(200).String(); s != "Reason(200)" {
		t.Errorf("Reason(200).String() = %q", s)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"11010519491231002X", "440524188001010014", "11010519491231002x",
		"１１０１０５１９４９１２３１００２Ｘ", "\u300011010519491231002X ", "110105491231002",
		"621002199902300011", "621002203001010016", "110105194912310021", "", "张三", "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := Mask(s)
		if !utf8.ValidString(m) {
			t.Errorf("Mask(%q) = %q is not valid UTF-8", s, m)
		}
		if got, want := utf8.RuneCountInString(m), utf8.RuneCountInString(strings.TrimFunc(s, isBlank)); got != want {
			t.Errorf("Mask(%q) has %d characters, want %d", s, got, want)
		}
		if visible := utf8.RuneCountInString(strings.ReplaceAll(m, "*", "")); visible > 10 {
			t.Errorf("Mask(%q) = %q shows %d characters", s, m, visible)
		}
		if up, err := Upgrade15(s); err == nil {
			if _, err := Parse(up, testNow); err != nil {
				t.Errorf("Upgrade15(%q) = %q does not parse: %v", s, up, err)
			}
		}

		n, err := Parse(s, testNow)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q) error %T is not *Error", s, err)
			}
			for _, msg := range []string{e.Error(), e.Chinese()} {
				if longDigits.MatchString(msg) {
					t.Errorf("Parse(%q): message %q may contain the number", s, msg)
				}
			}
			return
		}
		n2, err := Parse(n.Canonical, testNow)
		if err != nil || n2 != n {
			t.Errorf("Parse(%q) = %+v; reparsing Canonical gives (%#v, %v)", s, n, n2, err)
		}
		if c, err := CheckChar(n.Canonical[:17]); err != nil || c != n.Canonical[17] {
			t.Errorf("Parse(%q) accepted %q but CheckChar gives (%q, %v)", s, n.Canonical, c, err)
		}
		if got := Make(n.Area, n.Birth, atoi(n.Canonical[14:17])); got != n.Canonical {
			t.Errorf("Make from parts of %q gives %q", n.Canonical, got)
		}
		if m := Mask(n.Canonical); len(m) != 18 || m[:6] != n.Area || m[14:] != n.Canonical[14:] {
			t.Errorf("Mask(%q) = %q", n.Canonical, m)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"canonical", "11010519491231002X"},
		{"padded", " 621002201003151235\u3000"},
		{"full-width", "１１０１０５１９４９１２３１００２ｘ"},
		{"bad check", "110105194912310021"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Parse(bc.in, testNow)
			}
		})
	}
}

// TestParseAllocs guards the batch-import budget: canonical input must not
// allocate, and folding full-width input costs exactly the one new string.
func TestParseAllocs(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"11010519491231002X", 0},
		{" 621002201003151235\u3000", 0},
		{"１１０１０５１９４９１２３１００２ｘ", 1},
	}
	for _, tt := range tests {
		got := testing.AllocsPerRun(100, func() {
			if _, err := Parse(tt.in, testNow); err != nil {
				t.Fatal(err)
			}
		})
		if got != tt.want {
			t.Errorf("Parse(%q) allocates %v times, want %v", tt.in, got, tt.want)
		}
	}
}

func TestMaskIn(t *testing.T) {
	for in, want := range map[string]string{
		"/api/v1/x/62100219800101123X/y": "/api/v1/x/621002********123X/y",
		"old 621002800101123 ok":         "old 621002*****1123 ok",
		"/applications/12345":            "/applications/12345",
	} {
		if got := MaskIn(in); got != want {
			t.Errorf("MaskIn(%q) = %q, want %q", in, got, want)
		}
	}
}
