package web

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"hedui"
)

// TestLetterScanPreview: an image scan is shown on its preview page and
// served inline, each fetch audited; a PDF is never inline; a clerk of
// another township finds neither.
func TestLetterScanPreview(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	app, _ := e.newApplication("clerk.xiaojin", "韩梅梅")
	c := e.client()
	c.login("clerk.xiaojin")
	base := "/applications/" + itoa(app.ID)
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	fields := map[string]string{"form": "paper", "signed_on": "2025-06-15", "s_member": itoa(app.Members[0].ID), "s_method": "signature"}
	if p := c.upload(base+"/letters", fields, "scan", "授权书.png", img.Bytes()); p.status != http.StatusSeeOther {
		t.Fatalf("letter: %d %s", p.status, excerpt(p.body))
	}
	got, err := e.store.Application(ctx, e.actor("clerk.xiaojin"), app.ID)
	if err != nil {
		t.Fatal(err)
	}
	letter := got.ActiveLetter().ID
	preview := base + "/letters/" + itoa(letter) + "/preview"
	if p := c.get(base); !strings.Contains(p.body, `href="`+preview+`"`) {
		t.Fatalf("case page without the preview link: %s", excerpt(p.body))
	}
	audited := func() int {
		t.Helper()
		es, err := e.store.AuditEntries(ctx, hedui.SystemActor("test"), hedui.AuditFilter{Action: hedui.AuditLetterScanGet, CaseID: app.ID})
		if err != nil {
			t.Fatal(err)
		}
		return es.Total
	}
	before := audited()
	p := c.get(preview)
	inline := base + "/letters/" + itoa(letter) + "/scan?inline=1"
	if p.status != http.StatusOK || !strings.Contains(p.body, `<img class="scan-image" src="`+inline+`"`) {
		t.Fatalf("preview: %d %s", p.status, excerpt(p.body))
	}
	p = c.get(inline)
	if p.status != http.StatusOK || p.header.Get("Content-Type") != "image/png" ||
		!strings.HasPrefix(p.header.Get("Content-Disposition"), "inline") || p.body != img.String() {
		t.Fatalf("inline image: %d %q %q", p.status, p.header.Get("Content-Type"), p.header.Get("Content-Disposition"))
	}
	if n := audited(); n != before+1 {
		t.Errorf("scan views audited %d, want %d", n, before+1)
	}

	// A PDF stays an attachment, and its preview page says so.
	if p := c.upload(base+"/letters", fields, "scan", "授权书.pdf", []byte("%PDF-1.4\n% test\n")); p.status != http.StatusSeeOther {
		t.Fatalf("pdf letter: %d %s", p.status, excerpt(p.body))
	}
	got, _ = e.store.Application(ctx, e.actor("clerk.xiaojin"), app.ID)
	pdfLetter := itoa(got.ActiveLetter().ID)
	if p := c.get(base + "/letters/" + pdfLetter + "/scan?inline=1"); !strings.HasPrefix(p.header.Get("Content-Disposition"), "attachment") {
		t.Errorf("pdf served %q", p.header.Get("Content-Disposition"))
	}
	if p := c.get(base + "/letters/" + pdfLetter + "/preview"); p.status != http.StatusOK || strings.Contains(p.body, "scan-image") {
		t.Errorf("pdf preview: %d %s", p.status, excerpt(p.body))
	}

	o := e.client()
	o.login("clerk.dongzhi")
	for _, path := range []string{preview, inline} {
		if p := o.get(path); p.status != http.StatusNotFound {
			t.Errorf("other township %s: %d", path, p.status)
		}
	}
}
