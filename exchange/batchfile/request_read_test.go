package batchfile

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"hedui"
)

// requestQueries is testQueries plus a query asking for all twelve items.
func requestQueries() []hedui.Query {
	return append(testQueries(), hedui.Query{ID: "Q-3", Items: hedui.Items, DueOn: date(2026, 4, 1), Subjects: []hedui.Subject{
		{Ref: "Q-3-1", Name: "赵六", IDNumber: testID(4)},
		{Ref: "Q-3-2", Name: "欧阳·娜娜", IDNumber: testID(5)},
	}})
}

func requestFile(t *testing.T, f Format, qs []hedui.Query) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := WriteRequest(&buf, f, testDept(), qs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadRequestRoundTrip(t *testing.T) {
	want := requestQueries()
	for _, f := range []Format{CSV, XLSX} {
		t.Run(string(f), func(t *testing.T) {
			got, err := ReadRequest("request.dat", bytes.NewReader(requestFile(t, f, want)), testOptions())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("queries differ\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// A request passed through an office's tools: GB18030 without a mark,
// Windows line ends, a title above the header, reordered and renamed
// columns, answer columns filled in to the right, blank and repeated rows.
func TestReadRequestOfficeFile(t *testing.T) {
	text := "西峰区某银行核对请求\r\n\r\n" +
		"身份证号,核对项目,对象编号,查询编号,姓名,反馈截止日期,查无记录,金额(元)\r\n" +
		testID(1) + ",银行存贷款,Q-1-1,Q-1,张三,2026/3/24,否,100.00\r\n" +
		testID(1) + ",有价证券,Q-1-1,Q-1,张三,2026年3月24日,是,\r\n" +
		",,,,,,,\r\n" +
		testID(1) + ",有价证券,Q-1-1,Q-1,张三,2026-03-24,,\r\n"
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadRequest("request.csv", strings.NewReader(gbk), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := []hedui.Query{{ID: "Q-1", Items: []hedui.Item{hedui.ItemBank, hedui.ItemSecurities}, DueOn: date(2026, 3, 24),
		Subjects: []hedui.Subject{{Ref: "Q-1-1", Name: "张三", IDNumber: testID(1)}}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("queries differ\n got %+v\nwant %+v", got, want)
	}
}

func TestReadRequestRefuses(t *testing.T) {
	const head = "查询编号,对象编号,姓名,身份证号码,核对项目代码,核对项目,反馈截止日期\n"
	row := func(q, ref, name, id, item, due string) string {
		return strings.Join([]string{q, ref, name, id, item, "", due}, ",") + "\n"
	}
	good := row("Q-1", "Q-1-1", "张三", testID(1), "bank", "2026-03-24")
	for _, tc := range []struct {
		name, file, code, says string
	}{
		{"not a request", "姓名,金额\n张三,1\n", "missing_columns", "不是核对请求文件"},
		{"missing query id", head + good + row("", "Q-1-2", "李四", testID(2), "bank", "2026-03-24"), "invalid_request", "第3行"},
		{"unknown item", head + good + row("Q-1", "Q-1-1", "张三", testID(1), "lottery", "2026-03-24"), "invalid_request", "lottery"},
		{"bad id number", head + row("Q-1", "Q-1-1", "张三", "62100219600101001X", "bank", "2026-03-24"), "invalid_request", "校验位"},
		{"bad due date", head + row("Q-1", "Q-1-1", "张三", testID(1), "bank", "2026-02-30"), "invalid_request", "日期不存在"},
		{"two due dates", head + good + row("Q-1", "Q-1-1", "张三", testID(1), "tax", "2026-03-25"), "invalid_request", "前后不一致"},
		{"ref in two queries", head + good + row("Q-2", "Q-1-1", "张三", testID(1), "bank", "2026-03-24"), "invalid_request", "只能属于一个查询"},
		{"ref with two people", head + good + row("Q-1", "Q-1-1", "张三", testID(2), "tax", "2026-03-24"), "invalid_request", "身份证号码与本行不同"},
		{"ref with two names", head + good + row("Q-1", "Q-1-1", "张叁", testID(1), "tax", "2026-03-24"), "invalid_request", "姓名与本行不同"},
		{"several problems", head + row("", "", "", "", "bank", "") + good, "invalid_request", "另有"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			qs, err := ReadRequest("request.csv", strings.NewReader(tc.file), testOptions())
			wantKind(t, err, hedui.KindInvalid)
			if qs != nil || hedui.CodeOf(err) != tc.code || !strings.Contains(hedui.MessageOf(err), tc.says) {
				t.Errorf("ReadRequest = %v, %v (%s); want code %s and a message saying %q", qs, err, hedui.MessageOf(err), tc.code, tc.says)
			}
		})
	}
}

func TestReadRequestLimits(t *testing.T) {
	data := requestFile(t, CSV, requestQueries())
	opt := testOptions()
	opt.MaxBytes = int64(len(data) - 1)
	_, err := ReadRequest("request.csv", bytes.NewReader(data), opt)
	wantKind(t, err, hedui.KindTooLarge)
	opt = testOptions()
	opt.MaxRows = 3
	_, err = ReadRequest("request.csv", bytes.NewReader(data), opt)
	wantKind(t, err, hedui.KindTooLarge)
}
