package http

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"hedui"
)

func actionNames(a appView) []hedui.Action {
	var out []hedui.Action
	for _, x := range a.Actions {
		out = append(out, x.Action)
	}
	return out
}

// TestApplicationFlow walks one case through registration, review,
// return, resubmission and acceptance, as the township and the county do.
func TestApplicationFlow(t *testing.T) {
	e := newEnv(t)
	clerk, verifier := e.as("clerk.xiaojin"), e.as("verifier.xifeng")

	var a appView
	e.must(201, clerk, "POST", "/api/v1/applications", e.newApplicationBody(xiaojin), &a)
	c := caseRef{place: xiaojin, id: a.ID, idNumbers: a.idNumbers()}
	if a.Status != hedui.StatusDraft || len(a.Members) != 2 || len(a.Declaration.Incomes) != 1 || !a.Editable {
		t.Fatalf("created %+v", a)
	}
	if got := actionNames(a); !slices.Equal(got, []hedui.Action{hedui.ActSubmit, hedui.ActWithdraw}) {
		t.Errorf("clerk's actions on a draft = %v", got)
	}
	if a.Region.Township != xiaojin.township || a.Region.County != xiaojin.county {
		t.Errorf("region = %+v", a.Region)
	}

	submit := map[string]string{"action": "submit"}
	if r := e.call(clerk, "POST", c.path("/transitions"), submit); r.status != 422 || r.errorCode() != "missing_letter" {
		t.Errorf("submit without a letter: %v, want 422 missing_letter", r)
	}

	e.must(201, clerk, "POST", c.path("/letters"), letterBody(c.idNumbers), &a)
	l := a.ActiveLetter()
	if l == nil || l.Scan != nil || len(l.Signers) != 2 {
		t.Fatalf("letter = %+v", a.Letters)
	}
	if r := e.call(clerk, "POST", c.path("/transitions"), submit); r.status != 422 || r.errorCode() != "missing_letter_scan" {
		t.Errorf("submit without the scan: %v, want 422 missing_letter_scan", r)
	}

	scanPath := c.path(fmt.Sprintf("/letters/%d/scan", l.ID))
	e.must(200, clerk, "PUT", scanPath+"?filename=授权书.pdf", minimalPDF, &a, "Content-Type", "application/pdf")
	if s := a.ActiveLetter().Scan; s == nil || s.Size != int64(len(minimalPDF)) || s.ContentType != "application/pdf" || s.FileName != "授权书.pdf" {
		t.Fatalf("scan = %+v", a.ActiveLetter().Scan)
	}
	dl := e.must(200, verifier, "GET", scanPath, nil, nil)
	if !bytes.Equal(dl.body, minimalPDF) || dl.header.Get("Content-Type") != "application/pdf" ||
		!strings.HasPrefix(dl.header.Get("Content-Disposition"), "attachment") {
		t.Errorf("download: %q %q, %d bytes", dl.header.Get("Content-Type"), dl.header.Get("Content-Disposition"), len(dl.body))
	}

	e.must(200, clerk, "POST", c.path("/transitions"), submit, &a)
	if a.Status != hedui.StatusSubmitted || a.Editable || len(a.Actions) != 0 {
		t.Errorf("after submit: status %s editable %v actions %v", a.Status, a.Editable, actionNames(a))
	}
	if r := e.call(clerk, "POST", c.path("/transitions"), submit); r.status != 409 || r.errorCode() != "illegal_transition" {
		t.Errorf("second submit: %v, want 409 illegal_transition", r)
	}
	if r := e.call(clerk, "PUT", c.path("/declaration"), hedui.Declaration{}); r.status != 409 {
		t.Errorf("editing a submitted case: %v, want 409", r)
	}

	e.must(200, verifier, "GET", c.path(""), nil, &a)
	if got := actionNames(a); !slices.Equal(got, []hedui.Action{hedui.ActAccept, hedui.ActReturn}) {
		t.Errorf("verifier's actions on a submitted case = %v", got)
	}
	for _, x := range a.Actions {
		if x.NeedsComment != (x.Action == hedui.ActReturn) {
			t.Errorf("action %s needs_comment = %v", x.Action, x.NeedsComment)
		}
	}
	if r := e.call(verifier, "POST", c.path("/transitions"), map[string]string{"action": "return"}); r.status != 422 {
		t.Errorf("return without a reason: %v, want 422", r)
	}
	e.must(200, verifier, "POST", c.path("/transitions"), map[string]string{"action": "return", "comment": "收入证明不清晰，请重新上传"}, &a)
	if a.Status != hedui.StatusReturned {
		t.Fatalf("after return: %s", a.Status)
	}
	last := a.History[len(a.History)-1]
	if last.Action != hedui.ActReturn || last.By != "verifier.xifeng" || last.Comment != "收入证明不清晰，请重新上传" {
		t.Errorf("history = %+v", last)
	}

	e.must(200, clerk, "POST", c.path("/transitions"), submit, &a)
	e.must(200, verifier, "POST", c.path("/transitions"), map[string]string{"action": "accept", "comment": "材料齐全"}, &a)
	if a.Status != hedui.StatusAccepted || len(a.History) != 4 {
		t.Errorf("after accept: status %s, %d history entries", a.Status, len(a.History))
	}

	var audit hedui.Page[hedui.AuditEntry]
	e.must(200, e.as("auditor"), "GET", fmt.Sprintf("/api/v1/audit?case_id=%d&limit=200", c.id), nil, &audit)
	seen := map[string]bool{}
	for _, x := range audit.Items {
		seen[x.Action] = true
		if x.CaseID != c.id {
			t.Errorf("audit filter by case returned entry for case %d", x.CaseID)
		}
	}
	for _, want := range []string{hedui.AuditAppCreate, hedui.AuditAppView, hedui.AuditLetterAdd, hedui.AuditLetterScanPut,
		hedui.AuditLetterScanGet, hedui.AuditAppTransition} {
		if !seen[want] {
			t.Errorf("audit log lacks %s for the case; has %v", want, seen)
		}
	}
	var rep auditVerifyResponse
	e.must(200, e.as("auditor"), "POST", "/api/v1/audit/verify", nil, &rep)
	if !rep.OK || rep.Entries == 0 {
		t.Errorf("audit verify = %+v", rep)
	}
}

// TestMembers adds and removes members and checks the letter no longer
// covers the household once its membership changes.
func TestMembers(t *testing.T) {
	e := newEnv(t)
	clerk := e.as("clerk.xiaojin")
	c := e.newCase(xiaojin, false)
	var a appView
	child := map[string]any{"name": "张小示", "id_number": e.newIDNumber(xiaojin.county), "relationship": "child", "hukou_type": "rural", "lives_together": true}
	e.must(201, clerk, "POST", c.path("/members"), map[string]any{"members": []any{child}}, &a)
	if len(a.Members) != 3 {
		t.Fatalf("members after add: %d", len(a.Members))
	}
	if r := e.call(clerk, "POST", c.path("/transitions"), map[string]string{"action": "submit"}); r.status != 422 {
		t.Errorf("submit after a member joined without signing: %v, want 422", r)
	}
	e.must(200, clerk, "DELETE", c.path(fmt.Sprintf("/members/%d", a.Members[2].ID)), nil, &a)
	if len(a.Members) != 2 {
		t.Errorf("members after remove: %d", len(a.Members))
	}
	if r := e.call(clerk, "DELETE", c.path("/members/999999"), nil); r.status != 404 {
		t.Errorf("removing an unknown member: %v, want 404", r)
	}
}

func TestIdempotencyKey(t *testing.T) {
	e := newEnv(t)
	clerk := e.as("clerk.xiaojin")
	before := e.list(clerk, "").Total
	body := e.newApplicationBody(xiaojin)
	var first, again appView
	e.must(201, clerk, "POST", "/api/v1/applications", body, &first, "Idempotency-Key", "form-7f3a-0001")
	r := e.must(200, clerk, "POST", "/api/v1/applications", body, &again, "Idempotency-Key", "form-7f3a-0001")
	if again.ID != first.ID || r.header.Get("Location") != fmt.Sprintf("/api/v1/applications/%d", first.ID) {
		t.Errorf("replay returned %d (Location %q), want %d", again.ID, r.header.Get("Location"), first.ID)
	}
	if after := e.list(clerk, "").Total; after != before+1 {
		t.Errorf("list total went from %d to %d, want one more", before, after)
	}
	if r := e.call(clerk, "POST", "/api/v1/applications", body, "Idempotency-Key", "有中文"); r.status != 400 {
		t.Errorf("non-ASCII key: %v, want 400", r)
	}
}
