package batchfile

import (
	"bytes"
	"reflect"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"hedui"
	"hedui/sheet"
)

func TestWriteReadAnswersRoundTrip(t *testing.T) {
	answers, ids := sampleAnswers()
	hashes := map[Format][]string{}
	// The CSV line numbers count the line break inside a quoted cell;
	// XLSX has row numbers.
	lastLine := map[Format]string{CSV: "answers.dat:8", XLSX: "answers.dat:7"}
	for _, f := range []Format{CSV, XLSX} {
		t.Run(string(f), func(t *testing.T) {
			// The name says .dat: the format must come from the content.
			imp := read(t, "answers.dat", answersFile(t, f, answers, ids))
			if len(imp.Problems) > 0 {
				t.Fatalf("problems: %+v", imp.Problems)
			}
			if imp.Format != f {
				t.Errorf("Format = %q, want %q", imp.Format, f)
			}
			if got := stripMeta(imp.Answers); !reflect.DeepEqual(got, answers) {
				t.Errorf("answers differ\n got %+v\nwant %+v", got, answers)
			}
			if !reflect.DeepEqual(imp.IDNumbers, ids) {
				t.Errorf("IDNumbers = %v, want %v", imp.IDNumbers, ids)
			}
			wantSources := []string{"answers.dat:2", "answers.dat:5", "answers.dat:6", lastLine[f]}
			for i, a := range imp.Answers {
				if a.Source != wantSources[i] {
					t.Errorf("answer %d Source = %q, want %q", i, a.Source, wantSources[i])
				}
				if len(a.PayloadSHA256) != 64 {
					t.Errorf("answer %d PayloadSHA256 = %q", i, a.PayloadSHA256)
				}
				hashes[f] = append(hashes[f], a.PayloadSHA256)
			}
			if imp.Rows != 7 {
				t.Errorf("Rows = %d, want 7", imp.Rows)
			}
		})
	}
	// The payload hash is of the content, so the same answers in another
	// format are recognised as a re-import.
	if !reflect.DeepEqual(hashes[CSV], hashes[XLSX]) {
		t.Errorf("payload hashes differ between CSV and XLSX:\n%v\n%v", hashes[CSV], hashes[XLSX])
	}
}

func TestReadAnswersEncodings(t *testing.T) {
	answers, ids := sampleAnswers()
	withBOM := answersFile(t, CSV, answers, ids)
	noBOM := bytes.TrimPrefix(withBOM, sheet.UTF8BOM)
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(noBOM)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(gb, noBOM) {
		t.Fatal("fixture has no Chinese text to encode")
	}
	tabs := bytes.ReplaceAll(noBOM, []byte(","), []byte("\t")) // the fixture's commas all separate cells…
	tabs = bytes.ReplaceAll(tabs, []byte("活期\t"), []byte("活期,"))
	for _, tc := range []struct {
		name, encoding string
		data           []byte
	}{
		{"utf8-bom", EncodingUTF8BOM, withBOM},
		{"utf8", EncodingUTF8, noBOM},
		{"gb18030", EncodingGB18030, gb},
		{"lf-only", EncodingUTF8, bytes.ReplaceAll(noBOM, []byte("\r\n"), []byte("\n"))},
		{"tab-separated", EncodingUTF8, tabs},
	} {
		t.Run(tc.name, func(t *testing.T) {
			imp := read(t, tc.name+".csv", tc.data)
			if imp.Encoding != tc.encoding {
				t.Errorf("Encoding = %q, want %q", imp.Encoding, tc.encoding)
			}
			if len(imp.Problems) > 0 {
				t.Fatalf("problems: %+v", imp.Problems)
			}
			if got := stripMeta(imp.Answers); !reflect.DeepEqual(got, answers) {
				t.Errorf("answers differ\n got %+v\nwant %+v", got, answers)
			}
		})
	}
}

func TestWriteAnswersRefuses(t *testing.T) {
	mutate := func(f func(as []hedui.Answer, ids map[string]string)) ([]hedui.Answer, map[string]string) {
		as, ids := sampleAnswers()
		f(as, ids)
		return as, ids
	}
	for _, tc := range []struct {
		name string
		f    func(as []hedui.Answer, ids map[string]string)
	}{
		{"no query id", func(as []hedui.Answer, _ map[string]string) { as[0].QueryID = "" }},
		{"unknown item", func(as []hedui.Answer, _ map[string]string) { as[0].Item = "lottery" }},
		{"no ID number", func(_ []hedui.Answer, ids map[string]string) { delete(ids, "Q-2-1") }},
		{"no record and records", func(as []hedui.Answer, _ map[string]string) { as[0].NoRecord = true }},
		{"neither", func(as []hedui.Answer, _ map[string]string) { as[2].Records = nil }},
		{"empty record", func(as []hedui.Answer, _ map[string]string) { as[3].Records[1] = hedui.Record{} }},
		{"negative area", func(as []hedui.Answer, _ map[string]string) { as[2].Records[0].AreaM2x100 = -1 }},
		{"field named like a column", func(as []hedui.Answer, _ map[string]string) {
			as[0].Records[0].Fields["金额（元）"] = "1"
		}},
		{"fields that read back alike", func(as []hedui.Answer, _ map[string]string) {
			as[0].Records[1].Fields["开户 行"] = "x"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			as, ids := mutate(tc.f)
			var buf bytes.Buffer
			wantKind(t, WriteAnswers(&buf, CSV, as, ids), hedui.KindInvalid)
		})
	}
}
