package sqlstore

import (
	"testing"

	"hedui"
)

func TestLifecycle(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		app := e.sign(e.clerk, e.create(e.clerk, e.family("张建国", "李秀英")), hedui.LetterElectronic)
		steps := []struct {
			name    string
			by      hedui.Actor
			action  hedui.Action
			comment string
			want    hedui.Kind // KindOther: succeeds
			status  hedui.Status
		}{
			{"verifier cannot accept a draft", e.verifier, hedui.ActAccept, "", hedui.KindConflict, hedui.StatusDraft},
			{"verifier cannot submit", e.verifier, hedui.ActSubmit, "", hedui.KindPermission, hedui.StatusDraft},
			{"other township clerk sees nothing", e.clerk2, hedui.ActSubmit, "", hedui.KindNotFound, hedui.StatusDraft},
			{"unknown action", e.clerk, hedui.Action("approve"), "", hedui.KindInvalid, hedui.StatusDraft},
			{"submit", e.clerk, hedui.ActSubmit, "", hedui.KindOther, hedui.StatusSubmitted},
			{"submit twice", e.clerk, hedui.ActSubmit, "", hedui.KindConflict, hedui.StatusSubmitted},
			{"clerk cannot return", e.clerk, hedui.ActReturn, "x", hedui.KindPermission, hedui.StatusSubmitted},
			{"other county verifier sees nothing", e.verQC, hedui.ActReturn, "x", hedui.KindNotFound, hedui.StatusSubmitted},
			{"return needs a reason", e.verifier, hedui.ActReturn, "  ", hedui.KindInvalid, hedui.StatusSubmitted},
			{"return", e.verifier, hedui.ActReturn, "工资收入证明不全", hedui.KindOther, hedui.StatusReturned},
			{"resubmit", e.clerk, hedui.ActSubmit, "", hedui.KindOther, hedui.StatusSubmitted},
			{"city accepts", e.city, hedui.ActAccept, "", hedui.KindOther, hedui.StatusAccepted},
			{"withdraw after acceptance", e.clerk, hedui.ActWithdraw, "", hedui.KindConflict, hedui.StatusAccepted},
			{"dispatch is not a plain transition", e.verifier, hedui.ActDispatch, "", hedui.KindInvalid, hedui.StatusAccepted},
		}
		for _, s := range steps {
			got, err := e.db.Transition(e.ctx, s.by, app.ID, s.action, s.comment)
			if s.want == hedui.KindOther {
				if err != nil {
					t.Fatalf("%s: %v", s.name, err)
				}
				if got.Status != s.status {
					t.Fatalf("%s: status %q, want %q", s.name, got.Status, s.status)
				}
				continue
			}
			if !isKind(err, s.want) {
				t.Fatalf("%s: got %v, want %v", s.name, err, s.want)
			}
			if s.name == "return needs a reason" && hedui.MessageOf(err) != "退回时须填写原因" {
				t.Fatalf("message %q", hedui.MessageOf(err))
			}
		}
		app, err := e.db.Application(e.ctx, e.verifier, app.ID)
		must(t, err)
		if app.Status != hedui.StatusAccepted || app.Version != 6 { // created, letter, 4 transitions
			t.Fatalf("status %q version %d", app.Status, app.Version)
		}
		want := []hedui.Transition{
			{From: hedui.StatusDraft, To: hedui.StatusSubmitted, Action: hedui.ActSubmit, By: "clerk", Role: hedui.RoleClerk},
			{From: hedui.StatusSubmitted, To: hedui.StatusReturned, Action: hedui.ActReturn, By: "verifier", Role: hedui.RoleVerifier, Comment: "工资收入证明不全"},
			{From: hedui.StatusReturned, To: hedui.StatusSubmitted, Action: hedui.ActSubmit, By: "clerk", Role: hedui.RoleClerk},
			{From: hedui.StatusSubmitted, To: hedui.StatusAccepted, Action: hedui.ActAccept, By: "city", Role: hedui.RoleVerifier},
		}
		if len(app.History) != len(want) {
			t.Fatalf("history has %d entries, want %d: %+v", len(app.History), len(want), app.History)
		}
		for i, h := range app.History {
			at := h.At
			h.At = want[i].At
			if h != want[i] {
				t.Errorf("history[%d] = %+v, want %+v", i, h, want[i])
			}
			if at.IsZero() || (i > 0 && !at.After(app.History[i-1].At)) {
				t.Errorf("history[%d] at %v is not after the previous", i, at)
			}
		}
		// Accepted is not terminal: the family stays in an open application.
		if n := e.count("active_persons"); n != 2 {
			t.Fatalf("active_persons %d", n)
		}
		_, err = e.db.SetDeclaration(e.ctx, e.clerk, app.ID, hedui.Declaration{})
		wantKind(t, err, hedui.KindConflict)
	})
}

func TestWithdrawFreesPeople(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		app := e.create(e.clerk, e.family("张建国", "李秀英"))
		app, err := e.db.Transition(e.ctx, e.clerk, app.ID, hedui.ActWithdraw, "")
		must(t, err)
		if app.Status != hedui.StatusWithdrawn || e.count("active_persons") != 0 {
			t.Fatalf("status %q, active persons %d", app.Status, e.count("active_persons"))
		}
		_, err = e.db.AddMembers(e.ctx, e.clerk, app.ID, []hedui.NewMember{e.person("张小宝", hedui.RelChild, 20)})
		wantKind(t, err, hedui.KindConflict)
		// A new application on the same household.
		again, created, err := e.db.CreateApplication(e.ctx, e.clerk, hedui.NewApplication{
			Kind: hedui.KindPeriodic, Aid: []hedui.AssistanceType{hedui.AidDibao}, HouseholdID: app.Household.ID,
			Declaration: &hedui.Declaration{Assets: []hedui.Asset{{IDNumber: app.Members[1].IDNumber, Kind: hedui.AssetDeposit, ValueFen: 500000}}},
		})
		must(t, err)
		if !created || again.Household.ID != app.Household.ID || len(again.Members) != 2 ||
			again.Declaration.Assets[0].MemberID != app.Members[1].ID {
			t.Fatalf("re-application %+v", again)
		}
		// One open application per household.
		_, _, err = e.db.CreateApplication(e.ctx, e.clerk, hedui.NewApplication{
			Aid: []hedui.AssistanceType{hedui.AidMedical}, HouseholdID: app.Household.ID})
		wantKind(t, err, hedui.KindConflict)
		// Households of other townships are not found.
		_, _, err = e.db.CreateApplication(e.ctx, e.clerk2, hedui.NewApplication{
			Aid: []hedui.AssistanceType{hedui.AidMedical}, HouseholdID: app.Household.ID})
		wantKind(t, err, hedui.KindNotFound)
	})
}

func TestDeclaration(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		app := e.create(e.clerk, e.family("张建国", "李秀英"))
		other := e.create(e.clerk, e.family("王小明", "赵丽"))
		d := hedui.Declaration{
			Incomes: []hedui.Income{{Category: hedui.IncomePension, PeriodFrom: date("2025-01-01"), PeriodTo: date("2025-12-31"),
				AmountFen: 3600000, Note: "退休金"}},
			Assets: []hedui.Asset{{MemberID: app.Members[1].ID, Kind: hedui.AssetVehicle, Description: "甘M12345 小型轿车",
				ValueFen: 4000000, Quantity: 1}},
		}
		got, err := e.db.SetDeclaration(e.ctx, e.clerk, app.ID, d)
		must(t, err)
		if len(got.Declaration.Incomes) != 1 || got.Declaration.Incomes[0].MemberID != 0 || got.Declaration.Incomes[0].Note != "退休金" ||
			len(got.Declaration.Assets) != 1 || got.Declaration.Assets[0].Description != "甘M12345 小型轿车" ||
			got.Declaration.Assets[0].MemberID != app.Members[1].ID {
			t.Fatalf("declaration %+v", got.Declaration)
		}
		if n := e.count("declaration_incomes"); n != 2 { // this one replaced, the other application's kept
			t.Fatalf("declaration_incomes %d", n)
		}
		d.Assets[0].MemberID = other.Members[0].ID
		_, err = e.db.SetDeclaration(e.ctx, e.clerk, app.ID, d)
		wantKind(t, err, hedui.KindInvalid)
		_, err = e.db.SetDeclaration(e.ctx, e.verifier, app.ID, hedui.Declaration{})
		wantKind(t, err, hedui.KindPermission)
	})
}
