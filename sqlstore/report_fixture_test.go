package sqlstore

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"testing"

	"hedui"
)

// agencyAt creates an assistance agency (organisation and account) at a
// county or the city.
func (e *env) agencyAt(username, name, division string) hedui.Actor {
	e.t.Helper()
	org, err := e.db.EnsureOrganisation(e.ctx, hedui.Organisation{Name: name, Kind: hedui.OrgAgency, Division: division})
	must(e.t, err)
	u, err := e.db.CreateUser(e.ctx, hedui.SystemActor("test setup"), hedui.NewUser{Username: username, DisplayName: name,
		Role: hedui.RoleAgency, OrgID: org.ID, PasswordHash: "$test$hash"})
	must(e.t, err)
	a := hedui.ActorOf(u)
	a.ClientAddr, a.Purpose = "192.0.2.3", "测试"
	return a
}

// answerAll dispatches an accepted case of 北街 and answers every query
// of 西峰区's departments; the case becomes verified.
func (e *env) answerAll(f *xfix, app *hedui.Application) {
	e.t.Helper()
	d, err := e.db.Dispatch(e.ctx, e.verifier, app.ID, hedui.LevelCounty, fakeDue)
	must(e.t, err)
	for i, q := range d.Queries {
		for _, dep := range []hedui.Department{f.police, f.finance, f.hrss, f.bank} {
			if dep.ID == q.DepartmentID {
				e.record(dep, answersFor(q, int64(100*(i+1))))
			}
		}
	}
	if s := e.appStatus(app.ID); s != hedui.StatusVerified {
		e.t.Fatalf("status %s after every answer", s)
	}
}

// decide concludes a verified case under p with the category given and
// confirms the conclusion.
func (e *env) decide(p hedui.Policy, app *hedui.Application, cat hedui.Category) {
	e.t.Helper()
	app, err := e.db.Application(e.ctx, e.verifier, app.ID)
	must(e.t, err)
	overall := hedui.OverallClear
	if cat == hedui.CategoryNone {
		overall = hedui.OverallExceeds
	}
	c, err := e.db.SaveConclusion(e.ctx, e.verifier, app.ID, conclusionFor(p, app, overall, cat, "核对"))
	must(e.t, err)
	_, err = e.db.Decide(e.ctx, e.verifier, app.ID, hedui.Decision{ConclusionID: c.ID, Action: hedui.DecisionConfirm})
	must(e.t, err)
}

// decidedCase is a new application of 北街, verified, concluded 低保 and
// decided.
func (e *env) decidedCase(f *xfix, p hedui.Policy, head, spouse string) *hedui.Application {
	e.t.Helper()
	app := e.verified(f, head, spouse)
	e.decide(p, app, hedui.CategoryDibao)
	return app
}

// fakePDF stands for a rendered report: it starts like a PDF and quotes
// the head of household, as a real one does.
func fakePDF(d *hedui.ReportDraft) []byte {
	return []byte("%PDF-1.7\n% " + d.Application.Members[0].Name + " " + d.Application.Members[0].IDNumber +
		" " + fmt.Sprint(d.Slot.Chain, d.Slot.Seq) + "\n%%EOF\n")
}

var testCodes = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

func randomCode() string {
	b := make([]byte, 5)
	rand.Read(b)
	s := testCodes.EncodeToString(b)
	return s[:4] + "-" + s[4:8]
}

// rendered is a draft made into a report as the HTTP layer does, with a
// fake PDF.
func rendered(d *hedui.ReportDraft) hedui.NewReport {
	number := fmt.Sprintf("%s-%d-核-%06d", d.Slot.County, d.Slot.Year, d.Slot.Seq)
	pdf := fakePDF(d)
	sum := sha256.Sum256(pdf)
	return hedui.NewReport{Slot: d.Slot, Content: hedui.NewReportContent(d, number), PDF: pdf,
		SHA256: hex.EncodeToString(sum[:]), Code: randomCode()}
}

// issue prepares and issues the report on a case as the verifier.
func (e *env) issue(appID int64) hedui.Report {
	e.t.Helper()
	d, err := e.db.PrepareReport(e.ctx, e.verifier, appID)
	must(e.t, err)
	r, err := e.db.IssueReport(e.ctx, e.verifier, appID, rendered(&d))
	must(e.t, err)
	return r
}

// reportPDF downloads a report's PDF as by and fails on error.
func (e *env) reportPDF(by hedui.Actor, id int64) (hedui.Report, []byte) {
	e.t.Helper()
	r, pdf, err := e.db.ReportPDF(e.ctx, by, id)
	must(e.t, err)
	return r, pdf
}

func wantCode(t testing.TB, err error, k hedui.Kind, code string) {
	t.Helper()
	if !isKind(err, k) || hedui.CodeOf(err) != code {
		t.Fatalf("got %v, want %v %s", err, k, code)
	}
}
