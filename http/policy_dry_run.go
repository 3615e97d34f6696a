package http

import (
	stdhttp "net/http"

	"hedui"
	"hedui/rules"
)

// Dry-run bounds: cases read (see hedui.DefaultDryRunCases) and examples
// returned.
const (
	defaultDryRunExamples = 10
	maxDryRunExamples     = 50
)

// dryRunResponse says what a draft policy would change over the latest
// answered cases of its county and hukou type, against the version in
// force today. Examples name cases by application number only.
type dryRunResponse struct {
	County         string          `json:"county_code"`
	Hukou          hedui.HukouType `json:"hukou_type"`
	Current        policyRef       `json:"current"`
	Cases          int             `json:"cases"`
	Changed        int             `json:"changed"`
	BenefitChanged int             `json:"benefit_changed"`
	Shifts         []rules.Shift   `json:"shifts"`
	Examples       []dryRunExample `json:"examples"`
}

type dryRunExample struct {
	ApplicationID int64        `json:"application_id"`
	Number        string       `json:"number"`
	Before        outcomeView  `json:"before"`
	After         outcomeView  `json:"after"`
	Reasons       []reasonView `json:"reasons"`
}

type outcomeView struct {
	rules.Outcome
	Label string `json:"label"`
}

// handlePolicyDryRun serves POST /api/v1/policies/dry-run for
// administrators and verifiers: the body is a draft policy, not saved.
// The draft's rules are compiled first (a broken rule is a 422 as when
// saving); ?limit= bounds the cases read, ?examples= the examples shown.
func (s *Server) handlePolicyDryRun(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	q := r.URL.Query()
	limit, err := queryInt(q, "limit", hedui.DefaultDryRunCases, hedui.MaxDryRunCases)
	if err != nil {
		return err
	}
	examples, err := queryInt(q, "examples", defaultDryRunExamples, maxDryRunExamples)
	if err != nil {
		return err
	}
	var draft hedui.Policy
	if err := s.decodeJSON(w, r, &draft); err != nil {
		return err
	}
	if _, err := rules.Compile(&draft); err != nil {
		return err
	}
	today := hedui.Today(s.now())
	current, err := s.store.PolicyAt(r.Context(), draft.County, draft.Hukou, today)
	if err != nil {
		return err
	}
	files, err := s.store.DryRunInputs(r.Context(), by, draft.County, draft.Hukou, limit)
	if err != nil {
		return err
	}
	numbers := make(map[int64]string, len(files))
	cases := make([]rules.CaseInput, len(files))
	for i := range files {
		cases[i], numbers[files[i].ID] = caseInput(&files[i], today), files[i].Number
	}
	rep, err := rules.DryRun(cases, &current, &draft, examples)
	if err != nil {
		return hedui.E("http.policyDryRun", err)
	}
	out := dryRunResponse{County: draft.County, Hukou: draft.Hukou, Current: refPolicy(&current), Cases: rep.Cases,
		Changed: rep.Changed, BenefitChanged: rep.BenefitChanged, Shifts: nonNil(rep.Shifts), Examples: []dryRunExample{}}
	for _, ex := range rep.Examples {
		out.Examples = append(out.Examples, dryRunExample{ApplicationID: ex.CaseID, Number: numbers[ex.CaseID],
			Before: outcomeView{ex.Before, ex.Before.Label()}, After: outcomeView{ex.After, ex.After.Label()},
			Reasons: viewReasons(ex.Reasons)})
	}
	writeJSON(w, stdhttp.StatusOK, out)
	return nil
}
