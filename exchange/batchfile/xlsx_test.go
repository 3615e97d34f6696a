package batchfile

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"hedui"
)

// workbook builds an XLSX in memory: fill gets the file and the name of
// its first sheet.
func workbook(t *testing.T, fill func(f *excelize.File, sheet string)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	fill(f, f.GetSheetName(0))
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func setRow(t *testing.T, f *excelize.File, sheet, cell string, vals ...any) {
	t.Helper()
	if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
		t.Fatal(err)
	}
}

var xlsxHeader = []any{"查询编号", "对象编号", "身份证号码", "核对项目代码", "查无记录", "记录类型", "金额(元)", "起始日期", "数据截止日期"}

// TestReadXLSXNumericIDColumn is the classic failure: the liaison's sheet
// has the ID column in General format, so Excel stored the numbers as
// doubles. Each way such a cell can come out must be reported as Excel
// damage, on its row; an integer cell that still holds all 18 digits is
// accepted, since the number in the file is intact.
func TestReadXLSXNumericIDColumn(t *testing.T) {
	id := testID(5)
	exact := int64(0)
	for _, c := range id[:18] {
		exact = exact*10 + int64(c-'0')
	}
	if id[17] == 'X' {
		t.Skip("fixture ID has an X check character")
	}
	data := workbook(t, func(f *excelize.File, sheet string) {
		setRow(t, f, sheet, "A1", xlsxHeader...)
		setRow(t, f, sheet, "A2", "Q-1", "Q-1-1", float64(exact), "bank", "是") // a double: last digits lost
		setRow(t, f, sheet, "A3", "Q-1", "Q-1-2", "6.21002E+17", "bank", "是")  // pasted from a CSV
		setRow(t, f, sheet, "A4", "Q-1", "Q-1-3", exact, "bank", "是")          // an integer cell: all digits kept
	})
	imp := read(t, "numeric-id.xlsx", data)
	var got []string
	for _, p := range imp.Problems {
		got = append(got, problemKey(p))
	}
	want := []string{"2|" + ProblemIDExcel + "|身份证号码", "3|" + ProblemIDExcel + "|身份证号码"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
	for _, p := range imp.Problems {
		t.Log(p.Message)
	}
	if len(imp.Answers) != 1 || imp.IDNumbers["Q-1-3"] != id {
		t.Errorf("answers %+v, ids %v", imp.Answers, imp.IDNumbers)
	}
}

// TestReadXLSXCellTypes reads what Excel stores rather than what it shows:
// dates as serial numbers (in either date system), amounts as doubles with
// binary noise, a title above the header, and data on a second sheet.
func TestReadXLSXCellTypes(t *testing.T) {
	id := testID(6)
	for _, date1904 := range []bool{false, true} {
		data := workbook(t, func(f *excelize.File, sheet string) {
			setRow(t, f, sheet, "A1", "填写说明：请在第二个工作表填写")
			if _, err := f.NewSheet("反馈"); err != nil {
				t.Fatal(err)
			}
			if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
				t.Fatal(err)
			}
			setRow(t, f, "反馈", "A1", "某银行核对反馈表")
			setRow(t, f, "反馈", "A3", xlsxHeader...)
			jan31, jun1 := 46053, 45809 // serials in the 1900 system
			if date1904 {
				jan31, jun1 = jan31-1462, jun1-1462
			}
			setRow(t, f, "反馈", "A4", "Q-1", "Q-1-1", id, "bank", "否", "deposit", 0.1+0.2, jun1, jan31)
			setRow(t, f, "反馈", "A6", "Q-1", "Q-1-1", id, "bank", "否", "deposit", 1234.56, nil, jan31)
			setRow(t, f, "反馈", "A7", "Q-1", "Q-1-2", id, "bank", "否", "deposit", 1.005, nil, nil)
		})
		imp := read(t, "types.xlsx", data)
		if imp.Sheet != "反馈" {
			t.Errorf("Sheet = %q", imp.Sheet)
		}
		want := hedui.Answer{QueryID: "Q-1", SubjectRef: "Q-1-1", Item: hedui.ItemBank, ReceivedAt: testNow,
			AsOf: date(2026, 1, 31), Source: "types.xlsx:4", Records: []hedui.Record{
				{Kind: "deposit", AmountFen: 30, PeriodFrom: date(2025, 6, 1)},
				{Kind: "deposit", AmountFen: 123456},
			}}
		if len(imp.Answers) != 1 {
			t.Fatalf("date1904=%v: answers %+v, problems %+v", date1904, imp.Answers, imp.Problems)
		}
		got := imp.Answers[0]
		got.PayloadSHA256 = ""
		if !reflect.DeepEqual(got, want) {
			t.Errorf("date1904=%v:\n got %+v\nwant %+v", date1904, got, want)
		}
		if len(imp.Problems) != 1 || problemKey(imp.Problems[0]) != "7|"+ProblemAmount+"|金额(元)" {
			t.Errorf("date1904=%v: problems %+v, want the three-decimal amount on row 7", date1904, imp.Problems)
		}
	}
}

// TestReadXLSXTemplateFilledIn covers the manual channel end to end: the
// request workbook, answered by typing into new columns, uploaded back.
func TestReadXLSXTemplateFilledIn(t *testing.T) {
	var req bytes.Buffer
	m, err := WriteRequest(&req, XLSX, testDept(), testQueries())
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&req)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	setRow(t, f, sheet, "H1", "查无记录", "记录类型", "金额(元)")
	for row := 2; row <= m.Rows+1; row++ {
		cell, _ := excelize.CoordinatesToCellName(8, row)
		setRow(t, f, sheet, cell, "否", "deposit", 100*row)
	}
	var filled bytes.Buffer
	if err := f.Write(&filled); err != nil {
		t.Fatal(err)
	}
	f.Close()
	imp := read(t, "filled.xlsx", filled.Bytes())
	if len(imp.Problems) > 0 || len(imp.Answers) != m.Rows {
		t.Fatalf("answers %d, problems %+v", len(imp.Answers), imp.Problems)
	}
	if got := imp.Answers[4].Records[0].AmountFen; got != 600*100 {
		t.Errorf("last amount = %d fen", got)
	}
}
