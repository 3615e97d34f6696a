package rolls

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"hedui"
	"hedui/idcard"
	"hedui/sheet"
)

var testNow = time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC)

func opts() Options { return Options{Now: func() time.Time { return testNow }} }

func testID(n int) string {
	return idcard.Make("621002", time.Date(1950+n%50, time.Month(1+n%12), 1+n%28, 0, 0, 0, 0, time.UTC), 10+n%900)
}

func member(n int, name string, rel hedui.Relationship) hedui.Member {
	id, _ := idcard.Parse(testID(n), testNow)
	return hedui.Member{Name: name, IDNumber: id.Canonical, Gender: id.Gender(), BirthDate: hedui.DateOf(id.Birth),
		Relationship: rel, Hukou: hedui.HukouRural, Labour: hedui.LabourFull, LivesTogether: true}
}

func sample() []hedui.RollHousehold {
	d := func(s string) hedui.Date { x, _ := hedui.ParseDate(s); return x }
	a := hedui.RollHousehold{County: "621002", Region: "621002100201", Number: "XF-0001", Category: hedui.CategoryDibao,
		Hukou: hedui.HukouRural, BenefitFen: 104050, IncomeFen: 60000, Since: d("2023-05-01"), Address: "肖金镇米王村3组",
		LetterNumber: "SQ-2023-1", LetterUntil: d("2027-12-31"), Status: hedui.RollActive, Row: 2,
		Members: []hedui.Member{member(1, "王大山", hedui.RelHead), member(2, "李秀英", hedui.RelSpouse), member(3, "王小明", hedui.RelChild)}}
	a.Members[2].DisabilityGrade, a.Members[2].Labour, a.Members[2].LivesTogether = 2, hedui.LabourNone, false
	b := hedui.RollHousehold{County: "621002", Region: "621002001", Number: "XF-0002", Category: hedui.CategoryTekun,
		Hukou: hedui.HukouUrban, Stable: true, BenefitFen: 98000, Since: d("2020-01-01"), Status: hedui.RollActive, Row: 5,
		Members: []hedui.Member{member(4, "赵孤老", hedui.RelHead)}}
	b.Members[0].Hukou, b.Members[0].Labour = hedui.HukouUrban, hedui.LabourNone
	return []hedui.RollHousehold{a, b}
}

func write(t *testing.T, f sheet.Format, hs []hedui.RollHousehold) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, f, hs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func parse(t *testing.T, data []byte, mode hedui.RollMode) hedui.RollUpload {
	t.Helper()
	up, err := Parse("roll", bytes.NewReader(data), "621002", mode, opts())
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return up
}

func TestRoundTrip(t *testing.T) {
	want := sample()
	csv := write(t, sheet.CSV, want)
	gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(bytes.TrimPrefix(csv, sheet.UTF8BOM))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"xlsx": write(t, sheet.XLSX, want), "csv with BOM": csv, "csv without BOM": bytes.TrimPrefix(csv, sheet.UTF8BOM),
		"gbk": gbk,
	} {
		t.Run(name, func(t *testing.T) {
			up := parse(t, data, hedui.RollFull)
			if len(up.Problems) > 0 || up.Rows != 4 || up.SHA256 == "" {
				t.Fatalf("rows %d, problems %+v", up.Rows, up.Problems)
			}
			if !reflect.DeepEqual(up.Households, want) {
				t.Fatalf("households\n got %+v\nwant %+v", up.Households, want)
			}
		})
	}
}

// row is a CSV data row in template order with some cells replaced.
func row(number string, id string, change map[col]string) string {
	cells := []string{number, "621002001", "低保", "城镇", "否", "800", "0", "2024-01-01", "北街1号", "", "",
		"某人", id, "本人", "", "有劳动能力", "", ""}
	for c, v := range change {
		cells[c] = v
	}
	return strings.Join(cells, ",")
}

func csvFile(rows ...string) []byte {
	var head []string
	for c := range numCols {
		head = append(head, columns[c].header)
	}
	return []byte("西峰区低保名册（2026年3月）\n" + strings.Join(head, ",") + "\n" + strings.Join(rows, "\n") + "\n")
}

func TestProblems(t *testing.T) {
	good := row("H1", testID(1), nil)
	for _, tc := range []struct {
		name     string
		mode     hedui.RollMode
		rows     []string
		problems string // row/column: …message…; in row order
		kept     []string
		rejected []string
	}{
		{name: "bad ID", rows: []string{good, row("H2", testID(2)[:17]+"0", nil), row("H2", testID(3), map[col]string{colRelationship: "配偶"})},
			problems: "第4行/身份证号码:校验", kept: []string{"H1"}, rejected: []string{"H2"}},
		{name: "ID turned into a number by Excel", rows: []string{row("H2", "6.21002E+17", nil)},
			problems: "第3行/身份证号码:文本格式", rejected: []string{"H2"}},
		{name: "duplicate member across households", rows: []string{good, row("H2", testID(1), nil)},
			problems: "第4行/身份证号码:重复", rejected: []string{"H1", "H2"}},
		{name: "two heads", rows: []string{good, row("H1", testID(2), nil)},
			problems: "第3行/与户主关系:有且仅有一名", rejected: []string{"H1"}},
		{name: "household cells differ", rows: []string{good, row("H1", testID(2), map[col]string{colRelationship: "子女", colBenefit: "900"})},
			problems: "第4行/月保障金(元):应当相同", rejected: []string{"H1"}},
		{name: "blank household cells on later rows", rows: []string{good,
			row("H1", testID(2), map[col]string{colRelationship: "儿子", colRegion: "", colCategory: "", colBenefit: "", colSince: ""})},
			kept: []string{"H1"}},
		{name: "other county and bad amount", rows: []string{row("H1", testID(1), map[col]string{colRegion: "621021100", colBenefit: "八百"})},
			problems: "第3行/区划代码:不属于本县区 第3行/月保障金(元):不是有效的数字", rejected: []string{"H1"}},
		{name: "unknown values", rows: []string{row("H1", testID(1), map[col]string{colCategory: "临时救助", colLabour: "能干", colSince: "2099-01-01"})},
			problems: "第3行/劳动能力:无法识别 第3行/救助类别:无法识别 第3行/纳入日期:晚于今天", rejected: []string{"H1"}},
		{name: "exit in incremental", mode: hedui.RollIncremental, rows: []string{good, "H9" + strings.Repeat(",", 16) + ",退出"},
			kept: []string{"H1", "H9"}},
		{name: "exit in full", rows: []string{"H9" + strings.Repeat(",", 16) + ",退出"},
			problems: "第3行/变动:全量导入", rejected: []string{"H9"}},
		{name: "example row skipped", rows: []string{row("示例-0001", testID(5), nil), good}, kept: []string{"H1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mode := tc.mode
			if mode == "" {
				mode = hedui.RollFull
			}
			up := parse(t, csvFile(tc.rows...), mode)
			var got []string
			for _, p := range up.Problems {
				got = append(got, p.Source+"/"+p.Column+":"+p.Message)
			}
			want := strings.Fields(tc.problems)
			if len(got) != len(want) {
				t.Fatalf("problems %q, want %q", got, want)
			}
			for i := range want {
				loc, msg, _ := strings.Cut(want[i], ":")
				if !strings.HasPrefix(got[i], loc+":") || !strings.Contains(got[i], msg) {
					t.Errorf("problem %d = %q, want %q", i, got[i], want[i])
				}
				if strings.Contains(got[i], testID(1)) {
					t.Errorf("problem shows a full ID number: %q", got[i])
				}
			}
			var kept []string
			for _, h := range up.Households {
				kept = append(kept, h.Number)
			}
			if fmt.Sprint(kept) != fmt.Sprint(tc.kept) || fmt.Sprint(up.Rejected) != fmt.Sprint(tc.rejected) {
				t.Errorf("kept %v rejected %v; want %v, %v", kept, up.Rejected, tc.kept, tc.rejected)
			}
		})
	}
}

func TestFileErrors(t *testing.T) {
	var tmpl bytes.Buffer
	if err := WriteTemplate(&tmpl, sheet.XLSX); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, code, msg string
		data            []byte
	}{
		{"missing column", "missing_columns", "身份证号码", []byte("户编号,区划代码,救助类别,户籍性质,月保障金(元),纳入日期,姓名,与户主关系,劳动能力\nH1,621002001,低保,城镇,1,2020-01-01,张三,本人,有\n")},
		{"not a roll", "missing_columns", "名册模板", []byte("a,b,c\n1,2,3\n")},
		{"template only", "empty_roll", "没有名册数据行", tmpl.Bytes()},
		{"legacy xls", "unsupported_format", ".xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, "junk"...)},
		{"garbled xlsx", "bad_xlsx", "损坏", []byte("PK\x03\x04garbage")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("x", bytes.NewReader(tc.data), "621002", hedui.RollFull, opts())
			if hedui.CodeOf(err) != tc.code || !strings.Contains(hedui.MessageOf(err), tc.msg) {
				t.Fatalf("err = %v (code %q, message %q), want %s …%s…", err, hedui.CodeOf(err), hedui.MessageOf(err), tc.code, tc.msg)
			}
		})
	}
	_, err := Parse("x", bytes.NewReader(csvFile(row("H1", testID(1), nil))), "621002", hedui.RollFull, Options{MaxBytes: 100, Now: opts().Now})
	if hedui.KindOf(err) != hedui.KindTooLarge {
		t.Fatalf("oversized: %v", err)
	}
}
