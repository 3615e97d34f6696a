package sqlstore

import (
	"testing"

	"hedui"
)

// TestExchangeNoPlaintextAtRest runs the whole exchange with names and ID
// numbers in every place they can travel (subjects, department records,
// the escalation reason) and then reads every cell of every table.
func TestExchangeNoPlaintextAtRest(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.departments()
		app, d := e.dispatched("欧阳建国", "司马秀英")
		head, spouse := app.Members[0], app.Members[1]
		must(t, e.db.MarkForCity(e.ctx, e.verifier, app.ID, true, "欧阳建国在市区有公积金账户"))
		_, err := e.db.Escalate(e.ctx, e.verifier, "621002", hedui.Quarter{Year: 2026, Q: 1})
		must(t, err)
		cd, err := e.db.Dispatch(e.ctx, e.city, app.ID, hedui.LevelCity, fakeDue)
		must(t, err)
		qs := append(d.Queries, cd.Queries...)
		claimed, err := e.db.ClaimOutbox(e.ctx, f.police.ID, 10, 0)
		must(t, err)
		must(t, e.db.MarkSent(e.ctx, ids(claimed), start))
		for _, dep := range []hedui.Department{f.police, f.finance, f.hrss, f.bank, f.cityFund} {
			as := answersFor(queryTo(t, qs, dep), 9)
			for i := range as {
				as[i].Records[0].Description = "户主欧阳建国名下账户"
				as[i].Records[0].Fields["户主身份证号"] = head.IDNumber
				as[i].Records[0].Fields["配偶"] = "司马秀英 " + spouse.IDNumber
			}
			e.record(dep, as)
		}
		if _, err := e.db.Answers(e.ctx, e.verifier, app.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.db.DepartmentQueries(e.ctx, f.liaison, hedui.QueryFilter{}); err != nil {
			t.Fatal(err)
		}
		if e.appStatus(app.ID) != hedui.StatusVerified {
			t.Fatalf("status %q", e.appStatus(app.ID))
		}
		secrets := []string{"欧阳建国", "司马秀英", head.IDNumber, spouse.IDNumber}
		if cells := e.assertNoPlaintext(secrets); cells < 600 {
			t.Fatalf("only %d cells read", cells)
		}
	})
}
