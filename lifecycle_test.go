package hedui

import (
	"slices"
	"testing"
)

func TestFindRule(t *testing.T) {
	tests := []struct {
		from   Status
		action Action
		role   Role
		to     Status
		kind   Kind // KindOther: allowed
	}{
		{StatusDraft, ActSubmit, RoleClerk, StatusSubmitted, KindOther},
		{StatusReturned, ActSubmit, RoleClerk, StatusSubmitted, KindOther},
		{StatusSubmitted, ActAccept, RoleVerifier, StatusAccepted, KindOther},
		{StatusSubmitted, ActReturn, RoleVerifier, StatusReturned, KindOther},
		{StatusDraft, ActWithdraw, RoleClerk, StatusWithdrawn, KindOther},
		{StatusDraft, ActSubmit, RoleVerifier, "", KindPermission},
		{StatusSubmitted, ActAccept, RoleClerk, "", KindPermission},
		{StatusSubmitted, ActAccept, RoleAuditor, "", KindPermission},
		{StatusDraft, ActAccept, RoleVerifier, "", KindConflict},
		{StatusAccepted, ActSubmit, RoleClerk, "", KindConflict},
		{StatusWithdrawn, ActSubmit, RoleClerk, "", KindConflict},
		{StatusSubmitted, ActWithdraw, RoleClerk, "", KindConflict},
		{StatusDraft, "explode", RoleClerk, "", KindInvalid},
		{StatusVerified, ActConclude, RoleVerifier, StatusConcluded, KindOther},
		{StatusConcluded, ActConclude, RoleVerifier, StatusConcluded, KindOther},
		{StatusConcluded, ActDecide, RoleVerifier, StatusDecided, KindOther},
		{StatusVerifying, ActConclude, RoleVerifier, "", KindConflict},
		{StatusDecided, ActConclude, RoleVerifier, "", KindConflict},
		{StatusVerified, ActDecide, RoleVerifier, "", KindConflict},
		{StatusDecided, ActDecide, RoleVerifier, "", KindConflict},
		{StatusVerified, ActConclude, RoleClerk, "", KindPermission},
		{StatusConcluded, ActDecide, RoleAuditor, "", KindPermission},
	}
	for _, tc := range tests {
		r, err := FindRule(tc.from, tc.action, tc.role)
		if tc.kind == KindOther {
			if err != nil || r.To != tc.to {
				t.Errorf("%s %s by %s = %v, %v; want %s", tc.from, tc.action, tc.role, r.To, err, tc.to)
			}
			continue
		}
		if KindOf(err) != tc.kind || MessageOf(err) == "" {
			t.Errorf("%s %s by %s: err %v, want kind %s", tc.from, tc.action, tc.role, err, tc.kind)
		}
	}
}

func TestRulesAreConsistent(t *testing.T) {
	for _, r := range Rules {
		if !r.To.Valid() || r.Action.Label() == string(r.Action) {
			t.Errorf("rule %v: unknown target or unlabelled action", r)
		}
		for _, f := range r.From {
			if !f.Valid() || f.Terminal() {
				t.Errorf("rule %v leaves %s, which is unknown or terminal", r.Action, f)
			}
		}
	}
	for _, s := range Statuses {
		if s.Label() == string(s) {
			t.Errorf("status %s has no label", s)
		}
	}
	if got := ActionsFor(StatusSubmitted, RoleVerifier); !slices.Equal(got, []Action{ActAccept, ActReturn}) {
		t.Errorf("ActionsFor(submitted, verifier) = %v", got)
	}
	if got := ActionsFor(StatusSubmitted, RoleAuditor); len(got) != 0 {
		t.Errorf("auditor may act: %v", got)
	}
	// Concluding and deciding are done by their own operations.
	for _, s := range []Status{StatusVerified, StatusConcluded, StatusDecided} {
		if got := ActionsFor(s, RoleVerifier); len(got) != 0 {
			t.Errorf("ActionsFor(%s, verifier) = %v, want none", s, got)
		}
	}
	for _, a := range []Action{ActConclude, ActDecide} {
		from := StatusVerified
		if a == ActDecide {
			from = StatusConcluded
		}
		if _, err := PlainRule(from, a, RoleVerifier); KindOf(err) != KindInvalid {
			t.Errorf("PlainRule(%s, %s) = %v, want refused as internal", from, a, err)
		}
	}
}

func TestStatusesInLifecycleOrder(t *testing.T) {
	order := []Status{StatusDraft, StatusSubmitted, StatusAccepted, StatusVerifying, StatusVerified, StatusConcluded, StatusDecided}
	for i := 1; i < len(order); i++ {
		if slices.Index(Statuses, order[i-1]) >= slices.Index(Statuses, order[i]) {
			t.Errorf("Statuses lists %s after %s", order[i-1], order[i])
		}
	}
	if len(Statuses) != len(statusLabels) {
		t.Errorf("Statuses lists %d statuses, labels %d", len(Statuses), len(statusLabels))
	}
}
