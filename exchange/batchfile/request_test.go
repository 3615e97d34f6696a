package batchfile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"hedui"
	"hedui/sheet"
)

func testDept() hedui.Department {
	return hedui.Department{ID: 7, Code: "621002-bank", Name: "西峰区某银行", Channel: hedui.ChannelBatchFile}
}

// testQueries has 2 queries: 2 subjects × 2 items and 1 subject × 1 item.
func testQueries() []hedui.Query {
	return []hedui.Query{
		{ID: "Q-1", Items: []hedui.Item{hedui.ItemBank, hedui.ItemSecurities}, DueOn: date(2026, 3, 24), Subjects: []hedui.Subject{
			{Ref: "Q-1-1", Name: "张三", IDNumber: testID(1)},
			{Ref: "Q-1-2", Name: "李四", IDNumber: testID(2)},
		}},
		{ID: "Q-2", Items: []hedui.Item{hedui.ItemBank}, DueOn: date(2026, 3, 25), Subjects: []hedui.Subject{
			{Ref: "Q-2-1", Name: "王五", IDNumber: testID(3)},
		}},
	}
}

func TestWriteRequestCSV(t *testing.T) {
	var buf bytes.Buffer
	m, err := WriteRequest(&buf, CSV, testDept(), testQueries())
	if err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if !bytes.HasPrefix(data, sheet.UTF8BOM) {
		t.Error("no UTF-8 byte-order mark")
	}
	lines := strings.Split(string(bytes.TrimPrefix(data, sheet.UTF8BOM)), "\r\n")
	if got := strings.Count(string(data), "\n"); got != strings.Count(string(data), "\r\n") {
		t.Error("bare LF line endings")
	}
	want := []string{
		"查询编号,对象编号,姓名,身份证号码,核对项目代码,核对项目,反馈截止日期",
		"Q-1,Q-1-1,张三," + testID(1) + ",bank,银行存贷款,2026-03-24",
		"Q-1,Q-1-1,张三," + testID(1) + ",securities,有价证券,2026-03-24",
		"Q-1,Q-1-2,李四," + testID(2) + ",bank,银行存贷款,2026-03-24",
		"Q-1,Q-1-2,李四," + testID(2) + ",securities,有价证券,2026-03-24",
		"Q-2,Q-2-1,王五," + testID(3) + ",bank,银行存贷款,2026-03-25",
		"",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("file:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	sum := sha256.Sum256(data)
	wantM := Manifest{Department: "621002-bank", DepartmentName: "西峰区某银行", Format: CSV, Rows: 5, Queries: 2, SHA256: hex.EncodeToString(sum[:])}
	if m != wantM {
		t.Errorf("manifest = %+v, want %+v", m, wantM)
	}
}

func TestWriteRequestXLSX(t *testing.T) {
	var buf bytes.Buffer
	m, err := WriteRequest(&buf, XLSX, testDept(), testQueries())
	if err != nil {
		t.Fatal(err)
	}
	if m.Rows != 5 || m.Format != XLSX {
		t.Errorf("manifest = %+v", m)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	name := f.GetSheetName(0)
	if name != requestSheet {
		t.Errorf("name %q, want %q", name, requestSheet)
	}
	rows, err := f.GetRows(name)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[0][3] != "身份证号码" || rows[1][3] != testID(1) || rows[5][6] != "2026-03-25" {
		t.Errorf("rows = %q", rows)
	}
	// The ID number is a string cell in a column formatted as text, so
	// neither it nor a number typed in later becomes 6.21E+17.
	if typ, _ := f.GetCellType(name, "D2"); typ != excelize.CellTypeInlineString {
		t.Errorf("D2 type = %v, want inline string", typ)
	}
	colStyle, err := f.GetColStyle(name, "D")
	if err != nil {
		t.Fatal(err)
	}
	if st, err := f.GetStyle(colStyle); err != nil || st.NumFmt != sheet.NumFmtText {
		t.Errorf("column D style = %+v (%v), want number format %d", st, err, sheet.NumFmtText)
	}
	headStyle, _ := f.GetCellStyle(name, "A1")
	if st, err := f.GetStyle(headStyle); err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header style = %+v (%v), want bold", st, err)
	}
	panes, err := f.GetPanes(name)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v (%v), want header row frozen", panes, err)
	}
	if w, _ := f.GetColWidth(name, "D"); w < 20 {
		t.Errorf("ID column width %v, too narrow for 18 digits", w)
	}
}

func TestWriteRequestRefuses(t *testing.T) {
	noRef := testQueries()
	noRef[1].Subjects[0].Ref = ""
	badItem := testQueries()
	badItem[0].Items = append(badItem[0].Items, "lottery")
	noID := testQueries()
	noID[0].ID = ""
	for _, tc := range []struct {
		name   string
		format Format
		qs     []hedui.Query
	}{
		{"unknown format", "xls", testQueries()},
		{"subject without ref", CSV, noRef},
		{"unknown item", XLSX, badItem},
		{"query without id", CSV, noID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			_, err := WriteRequest(&buf, tc.format, testDept(), tc.qs)
			wantKind(t, err, hedui.KindInvalid)
			if buf.Len() > 0 {
				t.Error("wrote a partial file")
			}
		})
	}
}
