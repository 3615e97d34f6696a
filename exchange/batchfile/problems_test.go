package batchfile

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/idcard"
	"hedui/sheet"
)

// TestReadAnswersProblems runs one file with every kind of row problem and
// checks each is reported on its line and column, that good answers
// survive, and that an answer with a bad row is held back whole.
func TestReadAnswersProblems(t *testing.T) {
	id := func(n int) string { return testID(100 + n) }
	badCheck := id(3)[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", id(3)[17])+1)%11])
	zeroed := id(17)[:16] + "00"
	if _, err := idcard.Parse(zeroed, testNow); err == nil {
		t.Fatal("fixture: zeroed number is valid by chance; pick another")
	}
	const header = "查询编号,对象编号,身份证号码,核对项目代码,查无记录,记录类型,金额(元),数量,面积(平方米),起始日期,截止日期,说明,数据截止日期"
	rows := []struct {
		csv   string
		lines int      // physical lines the row takes
		want  []string // "code|column" of its problems
	}{
		{csv: fmt.Sprintf(`A1,Q-1,%s,bank,否,deposit,"1,234.56",,,,,,2026-03-01`, id(1))},
		{csv: ",,,, ,,,,,,,,"}, // empty rows are skipped silently
		{csv: "A2,Q-2,6.21002E+17,bank,,deposit,100", want: []string{ProblemIDExcel + "|身份证号码"}},
		{csv: "A3,Q-3," + badCheck + ",bank,,deposit,100", want: []string{ProblemIDNumber + "|身份证号码"}},
		{csv: "A4,Q-4," + id(4) + ",lottery,,deposit,100", want: []string{ProblemItem + "|核对项目代码"}},
		{csv: "A5,Q-5," + id(5) + ",bank,,deposit,1.234", want: []string{ProblemAmount + "|金额(元)"}},
		{csv: "A6,Q-6," + id(6) + ",bank,,deposit,100,,,2026-02-30", want: []string{ProblemDate + "|起始日期"}},
		{csv: "A7,Q-7," + id(7) + ",bank,是,deposit,100", want: []string{ProblemNoRecordAndRecords + "|查无记录"}},
		{csv: ",Q-8," + id(8) + ",bank,是", want: []string{ProblemQueryID + "|查询编号"}},
		// Without a ref, a row may belong to any answer of its query.
		{csv: "A9,Q-9," + id(9) + ",tax,是", want: []string{ProblemHeldBack + "|"}},
		{csv: "A9,," + id(9) + ",bank,是", want: []string{ProblemSubjectRef + "|对象编号"}},
		{csv: "A10,Q-10," + id(10) + ",bank,否", want: []string{ProblemNoContent + "|"}},
		{csv: "A11,Q-11," + id(11) + ",bank,也许", want: []string{ProblemNoRecord + "|查无记录"}},
		{csv: "A12,Q-12," + id(12) + ",vehicle,,car,,1.5", want: []string{ProblemQuantity + "|数量"}},
		{csv: "A13,Q-13," + id(13) + ",housing,,house,,,-3", want: []string{ProblemArea + "|面积(平方米)"}},
		{csv: "A14,Q-14," + id(14) + ",bank,,deposit,1,,,2026-02-01,2026-01-01", want: []string{ProblemPeriod + "|起始日期"}},
		{csv: "A15,Q-15," + id(15) + ",bank,是,,,,,,,,2026-12-31", want: []string{ProblemAsOfFuture + "|数据截止日期"}},
		{csv: "A1,Q-1," + id(16) + ",vehicle,是", want: []string{ProblemIDConflict + "|身份证号码"}},
		// A good row whose answer has a bad row is held back with it.
		{csv: "A16,Q-16," + id(16) + ",bank,,deposit,100", want: []string{ProblemHeldBack + "|"}},
		{csv: "A16,Q-16," + id(16) + ",bank,,deposit,abc", want: []string{ProblemAmount + "|金额(元)"}},
		{csv: "A17,Q-17," + zeroed + ",bank,是", want: []string{ProblemIDExcel + "|身份证号码"}},
		{csv: "A18,Q-18," + id(18) + ",bank,是", want: []string{ProblemHeldBack + "|"}},
		{csv: "A18,Q-18," + id(18) + ",bank,,deposit,5", want: []string{ProblemNoRecordAndRecords + "|"}},
		{csv: "A19,Q-19," + id(19) + ",bank,,deposit,7,,,,,\"两行\r\n说明\"", lines: 2},
		{csv: "A20,Q-20," + id(20) + ",bank,,deposit,8元整", want: []string{ProblemAmount + "|金额(元)"}},
		// An unreadable item may belong to any of the subject's answers.
		{csv: "A21,Q-21," + id(21) + ",tax,,income,9", want: []string{ProblemHeldBack + "|"}},
		{csv: "A21,Q-21," + id(21) + ",bnak,,deposit,9", want: []string{ProblemItem + "|核对项目代码"}},
		// Two problems in one row are both reported.
		{csv: "A22,Q-22," + id(22) + ",bank,,deposit,1.999,,,昨天", want: []string{ProblemAmount + "|金额(元)", ProblemDate + "|起始日期"}},
	}
	var file strings.Builder
	file.WriteString(header + "\r\n")
	var want []string
	line, dataRows := 2, 0
	for _, r := range rows {
		file.WriteString(r.csv + "\r\n")
		for _, w := range r.want {
			want = append(want, fmt.Sprint(line, "|", w))
		}
		if strings.Trim(r.csv, ", ") != "" {
			dataRows++
		}
		line += max(r.lines, 1)
	}

	imp := read(t, "反馈.csv", []byte(file.String()))
	var got []string
	for _, p := range imp.Problems {
		got = append(got, problemKey(p))
		if p.Message == "" {
			t.Errorf("line %d: empty message", p.Line)
		}
		for n := range 30 {
			if strings.Contains(p.Message, id(n)) || strings.Contains(p.Message, badCheck) {
				t.Errorf("line %d: message shows a full ID number: %s", p.Line, p.Message)
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n got %q\nwant %q", got, want)
		for _, p := range imp.Problems {
			t.Logf("%d %s %s: %s", p.Line, p.Column, p.Code, p.Message)
		}
	}
	var refs []string
	for _, a := range imp.Answers {
		refs = append(refs, a.SubjectRef)
	}
	if want := []string{"Q-1", "Q-19"}; !reflect.DeepEqual(refs, want) {
		t.Errorf("answers for %v, want %v", refs, want)
	}
	if a := imp.Answers[0]; a.Records[0].AmountFen != 123456 || a.AsOf != date(2026, 3, 1) {
		t.Errorf("first answer = %+v", a)
	}
	if imp.Rows != dataRows {
		t.Errorf("Rows = %d, want %d", imp.Rows, dataRows)
	}
	if len(imp.IDNumbers) != 2 || imp.IDNumbers["Q-1"] != id(1) {
		t.Errorf("IDNumbers = %v", imp.IDNumbers)
	}
}

// TestReadAnswersProblemMessages pins the wording of the messages a
// liaison sees most, which must say what to fix.
func TestReadAnswersProblemMessages(t *testing.T) {
	const header = "查询编号,对象编号,身份证号码,核对项目代码,核对项目,查无记录,金额(元)\r\n"
	for _, tc := range []struct{ row, want string }{
		{"A1,Q-1,6.21002E+17,bank,,是,", "身份证号码被Excel转换成了数字，请把该列设为文本格式后重新导出"},
		{"A1,Q-1,62100219900101123X,bank,,是,", "（号码：621002********123X）"},
		{"A1,Q-1," + testID(1) + ",bank,,,1.234", "金额(元)“1.234”无效：最多保留两位小数"},
		{"A1,Q-1," + testID(1) + ",bank,机动车辆,是,", "核对项目代码“bank”与核对项目“机动车辆”不一致"},
		{"A1,Q-1," + testID(1) + ",,,是,", "核对项目为空"},
	} {
		imp := read(t, "m.csv", []byte(header+tc.row))
		if len(imp.Problems) != 1 || !strings.Contains(imp.Problems[0].Message, tc.want) {
			t.Errorf("%s: problems %+v, want one containing %q", tc.row, imp.Problems, tc.want)
		}
	}
}

func TestReadAnswersFileErrors(t *testing.T) {
	good := "查询编号,对象编号,身份证号码,核对项目代码,查无记录\r\nQ,Q-1," + testID(1) + ",bank,是\r\nQ,Q-2," + testID(2) + ",bank,是\r\n"
	for _, tc := range []struct {
		name string
		data string
		opt  func(*ReadOptions)
		kind hedui.Kind
		code string
		msg  string
	}{
		{name: "missing id column", data: "查询编号,对象编号,核对项目,查无记录\r\nQ,Q-1,bank,是\r\n",
			kind: hedui.KindInvalid, code: "missing_columns", msg: "缺少必需的列：身份证号码"},
		{name: "missing item column", data: "query_id,subject_ref,id_number\r\n",
			kind: hedui.KindInvalid, code: "missing_columns", msg: "核对项目代码（或核对项目）"},
		{name: "no header", data: "这不是反馈文件\r\n1,2,3\r\n",
			kind: hedui.KindInvalid, code: "missing_columns", msg: "查询编号、对象编号、身份证号码"},
		{name: "empty", data: "", kind: hedui.KindInvalid, code: "missing_columns"},
		{name: "duplicate column", data: "查询编号,对象编号,身份证号码,核对项目,金额,金额（元）\r\n",
			kind: hedui.KindInvalid, code: "duplicate_column", msg: "第5列“金额”和第6列“金额（元）”是同一列"},
		{name: "duplicate extra column", data: "查询编号,对象编号,身份证号码,核对项目,账号,账号\r\n",
			kind: hedui.KindInvalid, code: "duplicate_column"},
		{name: "too many bytes", data: good, opt: func(o *ReadOptions) { o.MaxBytes = 64 },
			kind: hedui.KindTooLarge, code: "file_too_large"},
		{name: "too many rows", data: good, opt: func(o *ReadOptions) { o.MaxRows = 1 },
			kind: hedui.KindTooLarge, code: "too_many_rows", msg: "1行"},
		{name: "unclosed quote", data: good + "Q,Q-3," + testID(3) + ",bank,\"是\r\nQ,Q-4," + testID(4) + ",bank,是\r\n",
			kind: hedui.KindInvalid, code: "unclosed_quote", msg: "第4行的英文双引号没有闭合"},
		{name: "legacy xls", data: string(sheet.OLEMagic) + "junk", kind: hedui.KindInvalid, code: "unsupported_format", msg: ".xls"},
		{name: "utf-16", data: "\xFF\xFEq\x00", kind: hedui.KindInvalid, code: "unsupported_encoding"},
		{name: "broken xlsx", data: "PK\x03\x04 not really a zip", kind: hedui.KindMalformed, code: "bad_xlsx"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := testOptions()
			if tc.opt != nil {
				tc.opt(&opt)
			}
			imp, err := ReadAnswers("f", strings.NewReader(tc.data), opt)
			if imp != nil {
				t.Errorf("Import returned with the error")
			}
			wantKind(t, err, tc.kind)
			if c := hedui.CodeOf(err); c != tc.code {
				t.Errorf("code = %q, want %q", c, tc.code)
			}
			if m := hedui.MessageOf(err); !strings.Contains(m, tc.msg) {
				t.Errorf("message %q does not contain %q", m, tc.msg)
			}
		})
	}
}

// TestReadAnswersStrayQuotes: a quote inside one line is taken literally
// and the rows after it are read as usual.
func TestReadAnswersStrayQuotes(t *testing.T) {
	file := "查询编号,对象编号,身份证号码,核对项目代码,记录类型,说明\n" +
		"Q,Q-1," + testID(1) + ",vehicle,car,27\" 显示器\n" +
		"Q,Q-2," + testID(2) + ",vehicle,car,\"引号\"之后\n" +
		"Q,Q-3," + testID(3) + ",vehicle,car,\"正常\"\n"
	imp := read(t, "q.csv", []byte(file))
	var got []string
	for _, a := range imp.Answers {
		got = append(got, a.Source+" "+a.Records[0].Description)
	}
	want := []string{"q.csv:2 27\" 显示器", "q.csv:3 引号\"之后", "q.csv:4 正常"}
	if len(imp.Problems) > 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, problems %+v; want %q", got, imp.Problems, want)
	}
}

// TestReadAnswersSpellings reads the same answer from files that name
// columns and write values the ways offices do.
func TestReadAnswersSpellings(t *testing.T) {
	id := testID(7)
	want := hedui.Answer{QueryID: "Q-9", SubjectRef: "Q-9-1", Item: hedui.ItemBank, ReceivedAt: testNow, AsOf: date(2026, 1, 31),
		Records: []hedui.Record{{Kind: "deposit", AmountFen: 123450, PeriodFrom: date(2025, 1, 1)}}}
	for _, tc := range []struct{ name, file string }{
		{"template", "查询编号,对象编号,身份证号码,核对项目代码,查无记录,记录类型,金额(元),起始日期,数据截止日期\n" +
			"Q-9,Q-9-1," + id + ",bank,否,deposit,1234.5,2025-01-01,2026-01-31\n"},
		{"english codes, any order", "AS_OF,amount_yuan,kind,item,id_number,subject_ref,query_id,period_from\n" +
			"2026/1/31,\"¥1,234.50\",deposit,BANK," + id + ",Q-9-1,Q-9,20250101\n"},
		{"title rows, full-width, label, spaces", "庆阳市某银行核对反馈表\n填报日期：2026年2月1日\n\n" +
			"查询编号*, 对象编号 ,身份证号,核对项目, 金额（元）,记录类型,起始日期,数据截止日期\n" +
			"　Q-9　,Q-9-1,=\"" + id + "\",银行存贷款,1234.50元,deposit,2025年1月1日,2026.01.31\n"},
		{"legacy 15-digit id", "查询编号,对象编号,身份证号码,核对项目代码,记录类型,金额(元),起始日期,数据截止日期\n" +
			"Q-9,Q-9-1," + id[:6] + id[8:17] + ",bank,deposit,1234.5,2025-01-01 00:00:00,2026-01-31\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantID := id
			if strings.Contains(tc.name, "15") {
				up, err := idcard.Upgrade15(id[:6] + id[8:17])
				if err != nil {
					t.Fatal(err)
				}
				wantID = up
			}
			imp := read(t, "s.csv", []byte(tc.file))
			if len(imp.Problems) > 0 {
				t.Fatalf("problems: %+v", imp.Problems)
			}
			if got := stripMeta(imp.Answers); !reflect.DeepEqual(got, []hedui.Answer{want}) {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
			if imp.IDNumbers["Q-9-1"] != wantID {
				t.Errorf("IDNumbers = %v", imp.IDNumbers)
			}
		})
	}
}

// TestReadRequestFileAsTemplate covers the manual channel: a liaison opens
// the request file, fills in answer columns to the right, and uploads it.
// The request-only columns must neither break the file nor end up in
// Record.Fields.
func TestReadRequestFileAsTemplate(t *testing.T) {
	var buf strings.Builder
	if _, err := WriteRequest(&buf, CSV, testDept(), testQueries()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n")
	lines[0] += ",记录类型,金额(元),查无记录"
	for i := 1; i < len(lines); i++ {
		if i%2 == 1 {
			lines[i] += ",deposit,10.00,"
		} else {
			lines[i] += ",,,是"
		}
	}
	imp := read(t, "filled.csv", []byte(strings.Join(lines, "\r\n")))
	if len(imp.Problems) > 0 {
		t.Fatalf("problems: %+v", imp.Problems)
	}
	if len(imp.Answers) != len(lines)-1 {
		t.Fatalf("%d answers from %d rows", len(imp.Answers), len(lines)-1)
	}
	for _, a := range imp.Answers {
		for _, r := range a.Records {
			if r.Fields != nil {
				t.Errorf("request columns kept as fields: %v", r.Fields)
			}
		}
	}
}

// TestReadAnswersChinaDate: "today" is the date on the liaison's calendar,
// which before 08:00 Beijing time is a day ahead of UTC.
func TestReadAnswersChinaDate(t *testing.T) {
	file := "查询编号,对象编号,身份证号码,核对项目代码,查无记录,数据截止日期\nQ,Q-1," + testID(1) + ",bank,是,2026-03-16\n"
	for _, tc := range []struct {
		now      time.Time
		problems int
	}{
		{time.Date(2026, 3, 15, 23, 30, 0, 0, time.UTC), 0}, // 07:30 on the 16th in Beijing
		{time.Date(2026, 3, 15, 15, 30, 0, 0, time.UTC), 1}, // 23:30 on the 15th
	} {
		imp, err := ReadAnswers("d.csv", strings.NewReader(file), ReadOptions{Now: func() time.Time { return tc.now }})
		if err != nil || len(imp.Problems) != tc.problems {
			t.Errorf("now %v: %v, problems %+v", tc.now, err, imp.Problems)
		}
	}
}
