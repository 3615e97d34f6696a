package batchfile

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"hedui"
	"hedui/idcard"
	"hedui/sheet"
)

// FuzzReadAnswers feeds arbitrary files to the reader. It must never
// panic, must fail only with the kinds a user can act on, and every answer
// it accepts must be one the store can take.
func FuzzReadAnswers(f *testing.F) {
	answers, ids := sampleAnswers()
	csvFile := answersFile(f, CSV, answers, ids)
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes(bytes.TrimPrefix(csvFile, sheet.UTF8BOM))
	f.Add(csvFile)
	f.Add(gb)
	f.Add(answersFile(f, XLSX, answers, ids))
	f.Add([]byte("查询编号,对象编号,身份证号码,核对项目\nQ,Q-1,6.21002E+17,bank\n,,\n\"x\ny\",Q-2," + testID(1) + ",银行存贷款"))
	f.Add([]byte("query_id\tsubject_ref\tid_number\titem\tno_record\nQ\tQ-1\t" + testID(2) + "\tBANK\t1\n"))
	opt := testOptions()
	opt.MaxBytes = 1 << 20
	f.Fuzz(func(t *testing.T, data []byte) {
		imp, err := ReadAnswers("fuzz.csv", bytes.NewReader(data), opt)
		if err != nil {
			switch k := hedui.KindOf(err); k {
			case hedui.KindInvalid, hedui.KindMalformed, hedui.KindTooLarge:
			default:
				t.Fatalf("error of kind %v: %v", k, err)
			}
			if hedui.MessageOf(err) == hedui.DefaultMessage(hedui.KindOf(err)) {
				t.Fatalf("error without a specific message: %v", err)
			}
			return
		}
		for _, a := range imp.Answers {
			if !a.Item.Valid() || a.QueryID == "" || a.SubjectRef == "" {
				t.Fatalf("accepted answer %+v", a)
			}
			if a.NoRecord == (len(a.Records) > 0) {
				t.Fatalf("answer both or neither no-record and records: %+v", a)
			}
			if !strings.HasPrefix(a.Source, "fuzz.csv:") || len(a.PayloadSHA256) != 64 {
				t.Fatalf("answer metadata %q %q", a.Source, a.PayloadSHA256)
			}
			if _, err := idcard.Parse(imp.IDNumbers[a.SubjectRef], testNow); err != nil {
				t.Fatalf("answer for %q without a valid ID number", a.SubjectRef)
			}
		}
		for _, p := range imp.Problems {
			if p.Line < 1 || p.Message == "" || p.Code == "" {
				t.Fatalf("problem %+v", p)
			}
		}
		if imp.Rows > opt.MaxRows && opt.MaxRows > 0 {
			t.Fatalf("%d rows over the limit", imp.Rows)
		}
	})
}
