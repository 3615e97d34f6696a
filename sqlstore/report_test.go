package sqlstore

import (
	"bytes"
	"strings"
	"testing"

	"hedui"
)

func TestReportIssueAndVersions(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
		f := e.departments()
		xifeng := e.agencyAt("agency", "西峰区民政局低保中心", "621002")
		qingc := e.agencyAt("agencyqc", "庆城县民政局低保中心", "621021")
		app := e.verified(f, "张建国", "李秀英")

		// Not decided yet: no report.
		_, err := e.db.PrepareReport(e.ctx, e.verifier, app.ID)
		wantKind(t, err, hedui.KindConflict)
		e.decide(p, app, hedui.CategoryDibao)
		_, err = e.db.PrepareReport(e.ctx, e.clerk, app.ID)
		wantKind(t, err, hedui.KindPermission)
		_, err = e.db.PrepareReport(e.ctx, e.verQC, app.ID)
		wantKind(t, err, hedui.KindNotFound)

		d, err := e.db.PrepareReport(e.ctx, e.verifier, app.ID)
		must(t, err)
		if d.Slot.Seq != 1 || d.Slot.Version != 1 || d.Slot.Replaces != 0 || d.Slot.Chain != app.ID || d.Slot.County != "621002" ||
			d.Slot.Year != 2026 || d.Township != "北街办事处街道" || d.Centre != "西峰区核对中心" || d.ObjectionDays != hedui.DefaultObjectionDays {
			t.Fatalf("draft slot %+v township %q centre %q days %d", d.Slot, d.Township, d.Centre, d.ObjectionDays)
		}
		if len(d.Queries) != 4 || len(d.Answers) == 0 || d.Conclusion.Decision == nil || d.Application.Members[0].Name != "张建国" {
			t.Fatalf("draft: %d queries, %d answers, decision %v", len(d.Queries), len(d.Answers), d.Conclusion.Decision)
		}
		c := hedui.NewReportContent(&d, "N-1")
		if c.Applicant.Name != "张建国" || len(c.Members) != 2 || len(c.Sources) != 4 || c.Members[0].HukouPlace != "北街办事处街道（城镇）" {
			t.Fatalf("content %+v", c)
		}

		// A PDF that is not what its hash says is refused.
		in := rendered(&d)
		bad := in
		bad.SHA256 = strings.Repeat("0", 64)
		_, err = e.db.IssueReport(e.ctx, e.verifier, app.ID, bad)
		wantCode(t, err, hedui.KindInvalid, "invalid_report")

		r1, err := e.db.IssueReport(e.ctx, e.verifier, app.ID, in)
		must(t, err)
		if r1.Version != 1 || !r1.Current || r1.Number != "621002-2026-核-000001" || e.appStatus(app.ID) != hedui.StatusReported ||
			r1.ObjectionEnds.String() != "2026-03-15" || len(r1.Code) != 9 {
			t.Fatalf("report %+v, status %s", r1, e.appStatus(app.ID))
		}
		// The same slot again: taken.
		_, err = e.db.IssueReport(e.ctx, e.verifier, app.ID, in)
		wantCode(t, err, hedui.KindConflict, "report_slot_taken")

		// Who sees it.
		for _, by := range []hedui.Actor{e.verifier, e.city, e.clerk, xifeng} {
			got, err := e.db.Report(e.ctx, by, r1.ID)
			must(t, err)
			if got.Content.Applicant.IDNumber != app.Members[0].IDNumber || got.Number != r1.Number || got.Code != r1.Code {
				t.Fatalf("%s reads %+v", by.Username, got)
			}
		}
		for _, by := range []hedui.Actor{e.clerk2, e.verQC, qingc, e.admin, e.auditor, f.liaison} {
			_, err := e.db.Report(e.ctx, by, r1.ID)
			wantKind(t, err, hedui.KindNotFound)
			_, _, err = e.db.ReportPDF(e.ctx, by, r1.ID)
			wantKind(t, err, hedui.KindNotFound)
		}

		// A correction is a new version that replaces the first.
		d2, err := e.db.PrepareReport(e.ctx, e.verifier, app.ID)
		must(t, err)
		if d2.Slot.Version != 2 || d2.Slot.Replaces != r1.ID || d2.Slot.Seq != 2 || d2.ReplacesNumber != r1.Number || d2.ReplacesVersion != 1 {
			t.Fatalf("second slot %+v", d2)
		}
		// Two verifiers prepare at once; the second to issue must start again.
		d3, err := e.db.PrepareReport(e.ctx, e.verifier, app.ID)
		must(t, err)
		in2 := rendered(&d2)
		if in2.Content.Replaces != r1.Number+"（第1版）" {
			t.Errorf("replaces %q", in2.Content.Replaces)
		}
		r2, err := e.db.IssueReport(e.ctx, e.verifier, app.ID, in2)
		must(t, err)
		_, err = e.db.IssueReport(e.ctx, e.verifier, app.ID, rendered(&d3))
		wantCode(t, err, hedui.KindConflict, "report_slot_taken")
		list, err := e.db.Reports(e.ctx, xifeng, app.ID)
		must(t, err)
		if len(list) != 2 || list[0].ID != r2.ID || !list[0].Current || list[1].ID != r1.ID || list[1].Current || list[0].Replaces != r1.ID {
			t.Fatalf("versions %+v", list)
		}
		_, err = e.db.Reports(e.ctx, qingc, app.ID)
		wantKind(t, err, hedui.KindNotFound)

		// Immutable at rest: the database itself refuses changes.
		for _, q := range []string{
			`UPDATE reports SET number = 'X' WHERE id = $1`,
			`UPDATE reports SET pdf_enc = '' WHERE id = $1`,
			`UPDATE reports SET is_current = ` + map[string]string{"sqlite": "1", "postgres": "TRUE"}[e.db.Engine()] + ` WHERE id = $1`,
			`UPDATE reports SET prints = -1 WHERE id = $1`,
			`DELETE FROM reports WHERE id = $1`,
		} {
			if _, err := e.db.SQL().ExecContext(e.ctx, q, r1.ID); err == nil {
				t.Errorf("%s: no error", q)
			}
		}
		if e.auditCount(hedui.AuditReportIssue) != 2 || e.auditCount(hedui.AuditReportPrepare) != 3 {
			t.Errorf("audit: %d issues, %d prepares", e.auditCount(hedui.AuditReportIssue), e.auditCount(hedui.AuditReportPrepare))
		}
		// Names, ID numbers and the PDF stay sealed.
		e.assertNoPlaintext([]string{"张建国", "李秀英", app.Members[0].IDNumber, "%PDF"})
	})
}

func TestReportVerifyAndPrints(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
		f := e.departments()
		app := e.decidedCase(f, p, "王大山", "赵小梅")
		r1 := e.issue(app.ID)
		anon := hedui.PublicActor("198.51.100.7")

		for _, key := range []string{r1.Code, strings.ToLower(strings.ReplaceAll(r1.Code, "-", "")), " " + r1.Code + " ", strings.ToUpper(r1.SHA256)} {
			c, err := e.db.VerifyReport(e.ctx, anon, key)
			must(t, err)
			if !c.Authentic || !c.Current || c.Number != r1.Number || c.Version != 1 || c.Centre != "西峰区核对中心" ||
				!c.IssuedAt.Equal(r1.IssuedAt) || !strings.Contains(c.Message, "现行版本") {
				t.Fatalf("verify %q: %+v", key, c)
			}
		}
		c, err := e.db.VerifyReport(e.ctx, anon, "ZZZZ-ZZZZ")
		must(t, err)
		if c.Authentic || c.Current || c.Number != "" || !strings.Contains(c.Message, "未找到") {
			t.Fatalf("unknown code: %+v", c)
		}
		_, err = e.db.VerifyReport(e.ctx, anon, " -- ")
		wantKind(t, err, hedui.KindInvalid)

		// Each download is counted and audited, and is the issued file.
		_, pdf := e.reportPDF(e.verifier, r1.ID)
		got, pdf2 := e.reportPDF(e.clerk, r1.ID)
		if !bytes.Equal(pdf, pdf2) || !bytes.HasPrefix(pdf, []byte("%PDF-")) || got.Prints != 2 {
			t.Fatalf("downloads: prints %d", got.Prints)
		}
		if c, _ := e.db.VerifyReport(e.ctx, anon, r1.SHA256); c.Prints != 2 || !c.Authentic {
			t.Errorf("after two prints: %+v", c)
		}
		if n := e.auditCount(hedui.AuditReportDownload); n != 2 {
			t.Errorf("%d download entries, want 2", n)
		}
		last := e.lastEntry()
		if last.Action != hedui.AuditReportVerify || last.Username != "anonymous" || last.ClientAddr != "198.51.100.7" {
			t.Errorf("last entry %+v", last)
		}
		if n := e.auditCount(hedui.AuditReportVerify); n != 6 {
			t.Errorf("%d verify entries, want 6 (refused input is not a check)", n)
		}

		// A correction: the old report is authentic but no longer current.
		r2 := e.issue(app.ID)
		c, err = e.db.VerifyReport(e.ctx, anon, r1.Code)
		must(t, err)
		if !c.Authentic || c.Current || c.CurrentVersion != 2 || !strings.Contains(c.Message, "已被第2版替代") {
			t.Fatalf("old version: %+v", c)
		}
		c, err = e.db.VerifyReport(e.ctx, anon, r2.Code)
		must(t, err)
		if !c.Authentic || !c.Current || c.Version != 2 {
			t.Fatalf("new version: %+v", c)
		}
	})
}

// TestReportNumbersWithoutGaps: two cases of a county prepared at once
// get the same number; the second to issue must prepare again and takes
// the next one, so numbers have neither duplicates nor gaps.
func TestReportNumbersWithoutGaps(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
		f := e.departments()
		a := e.decidedCase(f, p, "甲一", "甲二")
		b := e.decidedCase(f, p, "乙一", "乙二")
		da, err := e.db.PrepareReport(e.ctx, e.verifier, a.ID)
		must(t, err)
		db, err := e.db.PrepareReport(e.ctx, e.verifier, b.ID)
		must(t, err)
		if da.Slot.Seq != 1 || db.Slot.Seq != 1 {
			t.Fatalf("slots %+v %+v", da.Slot, db.Slot)
		}
		_, err = e.db.IssueReport(e.ctx, e.verifier, a.ID, rendered(&da))
		must(t, err)
		_, err = e.db.IssueReport(e.ctx, e.verifier, b.ID, rendered(&db))
		wantCode(t, err, hedui.KindConflict, "report_slot_taken")
		if e.appStatus(b.ID) != hedui.StatusDecided {
			t.Fatal("a refused report moved the case")
		}
		rb := e.issue(b.ID)
		if rb.Number != "621002-2026-核-000002" {
			t.Fatalf("second number %s", rb.Number)
		}
	})
}
