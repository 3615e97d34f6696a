package http

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"hedui"
	"hedui/sheet"
)

// multipartRoll is an upload form with the fields before the file.
func multipartRoll(t *testing.T, fields map[string]string, name string, data []byte) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, k := range []string{"county", "mode"} {
		if v, ok := fields[k]; ok {
			mw.WriteField(k, v)
		}
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

func TestRollImportFlow(t *testing.T) {
	e := newEnv(t)
	tok := e.as(xiaojin.verifier)
	csv := e.rollFile(xiaojin, "XF-1", 3, sheet.CSV)
	gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(bytes.TrimPrefix(csv, sheet.UTF8BOM))
	if err != nil {
		t.Fatal(err)
	}
	body, ct := multipartRoll(t, map[string]string{"mode": "full"}, "西峰区名册.csv", gbk)
	var res rollImportResponse
	e.must(200, tok, "POST", "/api/v1/rolls", body, &res, "Content-Type", ct)
	if res.Import.Added != 1 || res.Import.County != xiaojin.county || res.Import.FileName != "西峰区名册.csv" || len(res.Import.Problems) != 0 {
		t.Fatalf("first import: %+v", res)
	}
	// The same file again: nothing changes, and the outcome says so.
	e.must(200, tok, "POST", "/api/v1/rolls", body, &res, "Content-Type", ct)
	if res.Import.Changed() || res.Import.Unchanged != 1 || res.Import.SameAs == 0 || !strings.Contains(res.Outcome, "相同") {
		t.Fatalf("repeat: %+v", res)
	}
	// A bad row is reported by row and column, and its household is left
	// out; the file as a whole is still imported.
	bad := strings.Replace(string(e.rollFile(xiaojin, "XF-2", 1, sheet.CSV)), "本人", "邻居", 1)
	e.must(200, tok, "POST", "/api/v1/rolls?mode=incremental", []byte(bad), &res)
	if res.Import.Added != 0 || len(res.Import.Problems) != 1 || res.Import.Problems[0].Column != "与户主关系" ||
		res.Import.Problems[0].Source != "第2行" {
		t.Fatalf("bad row: %+v", res)
	}
	// Files that cannot be read at all store nothing and say why.
	for _, tc := range []struct {
		name string
		data []byte
		want int
		msg  string
	}{
		{"garbled xlsx", []byte("PK\x03\x04 not really a workbook"), 422, "损坏"},
		{"not a roll", []byte("甲,乙\n1,2\n"), 422, "缺少必需的列"},
		{"empty", nil, 422, "空的"},
	} {
		r := e.call(tok, "POST", "/api/v1/rolls", tc.data)
		if r.status != tc.want || !strings.Contains(string(r.body), tc.msg) {
			t.Errorf("%s: %v, want %d …%s…", tc.name, r, tc.want, tc.msg)
		}
	}
	var imports struct{ Items []hedui.RollImport }
	e.must(200, tok, "GET", "/api/v1/rolls/imports", nil, &imports)
	if len(imports.Items) != 3 || len(imports.Items[0].Problems) != 1 {
		t.Fatalf("imports: %+v", imports)
	}
	var page hedui.Page[hedui.RollSummary]
	e.must(200, tok, "GET", "/api/v1/rolls/households?status=active", nil, &page)
	if page.Total != 1 || page.Items[0].Members != 3 || !strings.Contains(page.Items[0].HeadMasked, "*") {
		t.Fatalf("households: %+v", page)
	}
	r := e.must(200, tok, "GET", "/api/v1/rolls/households?status=active", nil, nil)
	for _, id := range e.ids {
		if bytes.Contains(r.body, []byte(id)) {
			t.Fatalf("the list shows a full ID number")
		}
	}
	var h hedui.RollHousehold
	e.must(200, tok, "GET", "/api/v1/rolls/households/"+jsonID(page.Items[0].ID), nil, &h)
	if len(h.Members) != 3 || len(h.Members[0].IDNumber) != 18 {
		t.Fatalf("household: %+v", h)
	}
	e.must(404, e.as(huancheng.verifier), "GET", "/api/v1/rolls/households/"+jsonID(page.Items[0].ID), nil, nil)
	e.must(403, e.as(huancheng.verifier), "POST", "/api/v1/rolls?county="+xiaojin.county, csv, nil)
}

func TestRollUploadTooLarge(t *testing.T) {
	e := newEnvWith(t, func(c *Config) { c.MaxUploadBytes = 1 << 10 })
	r := e.call(e.as(xiaojin.verifier), "POST", "/api/v1/rolls", bytes.Repeat([]byte("户编号,"), 1000))
	if r.status != 413 || !strings.Contains(string(r.body), "名册文件不能超过") {
		t.Fatalf("oversized: %v", r)
	}
}

func TestRollTemplate(t *testing.T) {
	e := newEnv(t)
	r := e.must(200, e.as("clerk.xiaojin"), "GET", "/api/v1/rolls/template?format=csv", nil, nil)
	if !bytes.HasPrefix(r.body, sheet.UTF8BOM) || !strings.Contains(string(r.body), "户编号") ||
		!strings.Contains(r.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("template: %v", r)
	}
	e.must(200, e.as("clerk.xiaojin"), "GET", "/api/v1/rolls/template", nil, nil)
	e.must(400, e.as("clerk.xiaojin"), "GET", "/api/v1/rolls/template?format=pdf", nil, nil)
}

func jsonID(id int64) string {
	b, _ := json.Marshal(id)
	return string(b)
}
