package web

import (
	"bytes"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"hedui"
	"hedui/rolls"
	"hedui/sheet"
)

// rollCSV is a roll of n one-person households in 肖金镇, the first with a
// relationship nobody can read, as an office would export it.
func (e *env) rollCSV(n int) ([]byte, []string) {
	since, _ := hedui.ParseDate("2022-01-01")
	var hs []hedui.RollHousehold
	var ids []string
	for i := range n {
		id := e.newIDNumber("621002")
		ids = append(ids, id)
		hs = append(hs, hedui.RollHousehold{County: "621002", Region: "621002100", Number: fmt.Sprintf("W-%d", i),
			Category: hedui.CategoryDibao, Hukou: hedui.HukouRural, BenefitFen: 70000, Since: since, Status: hedui.RollActive,
			Members: []hedui.Member{{Name: fmt.Sprintf("韩梅%d", i), IDNumber: id, Relationship: hedui.RelHead,
				Labour: hedui.LabourNone, LivesTogether: true}}})
	}
	var buf bytes.Buffer
	if err := rolls.Write(&buf, sheet.CSV, hs); err != nil {
		e.t.Fatal(err)
	}
	return bytes.Replace(buf.Bytes(), []byte("本人(户主)"), []byte("邻居"), 1), ids
}

func TestRollPages(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login("verifier.xifeng")
	if p := c.get("/"); !strings.Contains(p.body, `href="/rolls"`) {
		t.Fatalf("no 名册 entry in the verifier's navigation")
	}
	form := c.get("/rolls/imports")
	if form.status != http.StatusOK || !strings.Contains(form.body, `id="roll-upload-form"`) {
		t.Fatalf("import page: %d %s", form.status, excerpt(form.body))
	}
	data, ids := e.rollCSV(3)
	p := c.upload("/rolls/imports", map[string]string{"county": "621002", "mode": "full"}, "file", "肖金镇名册.csv", data)
	if p.status != http.StatusOK || !strings.Contains(p.body, `id="roll-added">2<`) {
		t.Fatalf("upload: %d %s", p.status, excerpt(p.body))
	}
	problems := regexp.MustCompile(`<tr><td class="nowrap">第2行</td><td class="nowrap">与户主关系</td><td>[^<]*邻居`)
	if !problems.MatchString(p.body) {
		t.Fatalf("the validation report does not point at row 2, 与户主关系: %s", excerpt(p.body))
	}
	// The same file again changes nothing and says so.
	p = c.upload("/rolls/imports", map[string]string{"county": "621002", "mode": "full"}, "file", "肖金镇名册.csv", data)
	if !strings.Contains(p.body, `id="roll-unchanged">2<`) || !strings.Contains(p.body, "没有任何变化") {
		t.Fatalf("repeat upload: %s", excerpt(p.body))
	}
	// A file that is not a roll stores nothing and says why.
	p = c.upload("/rolls/imports", map[string]string{"county": "621002", "mode": "full"}, "file", "x.xlsx", []byte("PK\x03\x04junk"))
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "未做任何更改") {
		t.Fatalf("garbled file: %d %s", p.status, excerpt(p.body))
	}
	list := c.get("/rolls")
	if list.status != http.StatusOK || strings.Count(list.body, `href="/rolls/households/`) != 2 {
		t.Fatalf("list: %d %s", list.status, excerpt(list.body))
	}
	for _, id := range ids {
		if strings.Contains(list.body, id) {
			t.Fatalf("the list shows a full ID number")
		}
	}
	link := regexp.MustCompile(`href="(/rolls/households/\d+)"`).FindStringSubmatch(list.body)[1]
	h := c.get(link)
	if h.status != http.StatusOK || !strings.Contains(h.body, ids[1]) || !strings.Contains(h.body, "韩梅1") {
		t.Fatalf("household: %d %s", h.status, excerpt(h.body))
	}
	if tmpl := c.get("/rolls/template?format=csv"); !strings.Contains(tmpl.body, "户编号") {
		t.Fatalf("template: %s", excerpt(tmpl.body))
	}

	other := e.client()
	other.login("verifier.huanxian")
	if p := other.get(link); p.status != http.StatusNotFound {
		t.Fatalf("another county's verifier opens the household: %d", p.status)
	}
	if p := other.get("/rolls"); strings.Contains(p.body, "/rolls/households/") {
		t.Fatalf("another county's verifier sees the roll")
	}
	clerk := e.client()
	clerk.login("clerk.xiaojin")
	if p := clerk.get("/rolls"); p.status != http.StatusForbidden {
		t.Fatalf("a clerk opens the roll: %d", p.status)
	}
}
