package sqlstore

import (
	"testing"

	"hedui"
)

func TestAgencyInboxAndDecision(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
		f := e.departments()
		xifeng := e.agencyAt("agency", "西峰区民政局低保中心", "621002")
		cityAg := e.agencyAt("agencycity", "庆阳市民政局社会救助科", "621000")
		qingc := e.agencyAt("agencyqc", "庆城县民政局低保中心", "621021")
		app := e.decidedCase(f, p, "刘长青", "陈桂花")
		r := e.issue(app.ID)
		other := e.decidedCase(f, p, "孙有福", "周红")
		r2 := e.issue(other.ID)

		for _, tc := range []struct {
			by   hedui.Actor
			f    hedui.InboxFilter
			want []int64
		}{
			{xifeng, hedui.InboxFilter{}, []int64{r2.ID, r.ID}},
			{cityAg, hedui.InboxFilter{}, []int64{r2.ID, r.ID}},
			{qingc, hedui.InboxFilter{}, nil},
			{xifeng, hedui.InboxFilter{AfterID: r.ID}, []int64{r2.ID}},
			{xifeng, hedui.InboxFilter{Pending: true, Limit: 1}, []int64{r2.ID}},
		} {
			page, err := e.db.AgencyInbox(e.ctx, tc.by, tc.f)
			must(t, err)
			var got []int64
			for _, it := range page.Items {
				got = append(got, it.ReportID)
			}
			if len(got) != len(tc.want) || (tc.f.Limit == 0 && page.Total != len(tc.want)) {
				t.Fatalf("%s inbox %+v: %v, want %v", tc.by.Username, tc.f, got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("%s inbox %+v: %v, want %v", tc.by.Username, tc.f, got, tc.want)
				}
			}
		}
		page, err := e.db.AgencyInbox(e.ctx, xifeng, hedui.InboxFilter{})
		must(t, err)
		if it := page.Items[1]; it.HeadName != "刘**" || it.Status != hedui.StatusReported || it.Category != hedui.CategoryDibao ||
			it.ApplicationNumber != app.Number || it.Decision != "" || it.ObjectionUntil.IsZero() {
			t.Fatalf("inbox item %+v", it)
		}
		_, err = e.db.AgencyInbox(e.ctx, e.verifier, hedui.InboxFilter{})
		wantKind(t, err, hedui.KindPermission)

		// Deciding: only the agency of the region, with a reason for a refusal.
		approve := hedui.AgencyDecisionInput{Decision: hedui.AgencyApprove}
		_, err = e.db.AgencyDecide(e.ctx, e.verifier, app.ID, approve)
		wantKind(t, err, hedui.KindPermission)
		_, err = e.db.AgencyDecide(e.ctx, qingc, app.ID, approve)
		wantKind(t, err, hedui.KindNotFound)
		_, err = e.db.AgencyDecide(e.ctx, xifeng, app.ID, hedui.AgencyDecisionInput{Decision: hedui.AgencyReject})
		wantCode(t, err, hedui.KindInvalid, "note_required")
		_, err = e.db.AgencyDecide(e.ctx, xifeng, app.ID, hedui.AgencyDecisionInput{Decision: "maybe"})
		wantCode(t, err, hedui.KindInvalid, "invalid_agency_decision")
		d, err := e.db.AgencyDecide(e.ctx, xifeng, app.ID, approve)
		must(t, err)
		if d.ReportID != r.ID || d.Removal || d.By != "agency" || e.appStatus(app.ID) != hedui.StatusClosed {
			t.Fatalf("decision %+v, status %s", d, e.appStatus(app.ID))
		}
		_, err = e.db.AgencyDecide(e.ctx, xifeng, app.ID, approve)
		wantKind(t, err, hedui.KindConflict)
		_, err = e.db.Transition(e.ctx, e.clerk, app.ID, hedui.ActWithdraw, "")
		wantKind(t, err, hedui.KindConflict)
		page, err = e.db.AgencyInbox(e.ctx, xifeng, hedui.InboxFilter{Pending: true})
		must(t, err)
		if len(page.Items) != 1 || page.Items[0].ReportID != r2.ID {
			t.Fatalf("pending after deciding: %+v", page.Items)
		}
		page, _ = e.db.AgencyInbox(e.ctx, xifeng, hedui.InboxFilter{})
		if page.Items[1].Decision != hedui.AgencyApprove || page.Items[1].Status != hedui.StatusClosed {
			t.Fatalf("decided item %+v", page.Items[1])
		}

		// Closed is terminal: the household's next periodic review is a
		// new application. Found ineligible, the recipient is recommended
		// for removal (清退).
		again, created, err := e.db.CreateApplication(e.ctx, e.clerk, hedui.NewApplication{Kind: hedui.KindPeriodic,
			Aid: []hedui.AssistanceType{hedui.AidDibao}, HouseholdID: app.Household.ID,
			Declaration: &hedui.Declaration{Incomes: []hedui.Income{{MemberID: app.Members[0].ID, Category: hedui.IncomeWage,
				Source: "务工", PeriodFrom: date("2025-09-01"), PeriodTo: date("2026-02-28"), AmountFen: 900000}}}})
		must(t, err)
		if !created || again.Kind != hedui.KindPeriodic {
			t.Fatalf("periodic review %+v", again)
		}
		_, err = e.db.Transition(e.ctx, e.clerk, again.ID, hedui.ActSubmit, "")
		must(t, err)
		_, err = e.db.Transition(e.ctx, e.verifier, again.ID, hedui.ActAccept, "")
		must(t, err)
		e.answerAll(f, again)
		e.decide(p, again, hedui.CategoryNone)
		e.issue(again.ID)
		_, err = e.db.AgencyDecide(e.ctx, xifeng, again.ID, hedui.AgencyDecisionInput{Decision: hedui.AgencyStop, Note: "核对超标，停止救助"})
		must(t, err)
		var removal bool
		must(t, e.db.SQL().QueryRowContext(e.ctx, `SELECT removal FROM agency_decisions WHERE application_id = $1`, again.ID).Scan(&removal))
		if !removal || e.appStatus(again.ID) != hedui.StatusClosed {
			t.Fatalf("periodic review found ineligible: removal %v, status %s", removal, e.appStatus(again.ID))
		}
		if n := e.auditCount(hedui.AuditAgencyDecide); n != 2 {
			t.Errorf("%d decision entries", n)
		}
	})
}
