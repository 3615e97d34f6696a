package web

import (
	"net/http"
	"strconv"

	"hedui"
	"hedui/casework"
	"hedui/rules"
)

// policyRow is one version in the list.
type policyRow struct {
	P          hedui.Policy
	CountyName string
	Latest     bool // the newest version of its county and hukou type
}

// handlePolicyList serves GET /admin/policies.
func (s *Server) handlePolicyList(w http.ResponseWriter, r *http.Request, sess *session) error {
	ps, err := s.store.Policies(r.Context(), sess.by, "", "")
	if err != nil {
		return err
	}
	names, _, err := s.divisionNames(r.Context())
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	rows := make([]policyRow, 0, len(ps))
	for _, p := range ps {
		key := p.County + "/" + string(p.Hukou)
		latest := !seen[key]
		seen[key] = true
		rows = append(rows, policyRow{P: p, CountyName: names[p.County], Latest: latest})
	}
	v := view{Title: s.text.get("admin.policies.title"), Nav: "policies", Sess: sess, Page: rows}
	if r.URL.Query().Get("created") != "" {
		v.Flash = s.text.get("admin.policies.created")
	}
	s.render(w, r, http.StatusOK, "admin_policies", v)
	return nil
}

// dryRunView is what a draft would change.
type dryRunView struct {
	Current  hedui.Policy
	Report   rules.DryRunReport
	Numbers  map[int64]string
	Examples []dryRunRow
}

type dryRunRow struct {
	Number, Before, After string
	Reasons               []string
}

// handlePolicyNew serves GET /admin/policies/new?base=ID: the form of the
// next version, filled from the version it starts from.
func (s *Server) handlePolicyNew(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := strconv.ParseInt(r.URL.Query().Get("base"), 10, 64)
	if err != nil || id <= 0 {
		return hedui.Errorf("web.policyNew", hedui.KindNotFound, "not_found", "%s", s.text.get("admin.policies.not_found"))
	}
	base, err := s.store.Policy(r.Context(), sess.by, id)
	if err != nil {
		return err
	}
	names, _, err := s.divisionNames(r.Context())
	if err != nil {
		return err
	}
	f := policyFormOf(base, names[base.County], hedui.Today(s.now()))
	return s.renderPolicyForm(w, r, sess, http.StatusOK, f, "")
}

// handlePolicyCreate serves POST /admin/policies: action=save stores the
// next version, action=dryrun shows what it would change. County rules
// are compiled first; a broken one is shown with its rule and position.
func (s *Server) handlePolicyCreate(w http.ResponseWriter, r *http.Request, sess *session) error {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PostFormValue("base_id"), 10, 64)
	if err != nil || id <= 0 {
		return hedui.Errorf("web.policyCreate", hedui.KindNotFound, "not_found", "%s", s.text.get("admin.policies.not_found"))
	}
	base, err := s.store.Policy(ctx, sess.by, id)
	if err != nil {
		return err
	}
	names, _, err := s.divisionNames(ctx)
	if err != nil {
		return err
	}
	f := policyForm{BaseID: base.ID, County: base.County, CountyName: names[base.County], Hukou: base.Hukou, BaseVersion: base.Version}
	p := s.readPolicyForm(r, base, &f)
	refuse := func(alert string) error {
		return s.renderPolicyForm(w, r, sess, http.StatusUnprocessableEntity, f, alert)
	}
	switch r.PostFormValue("action") {
	case "add_deduction", "add_exemption":
		f.Errors = nil // a row added to a form half typed is not a refusal
	}
	switch r.PostFormValue("action") {
	case "add_deduction":
		f.Deductions = append(f.Deductions, deductionRow{Basis: string(hedui.DeductDisability)})
		return s.renderPolicyForm(w, r, sess, http.StatusOK, f, "")
	case "add_exemption":
		f.Exemptions = append(f.Exemptions, exemptionRow{})
		return s.renderPolicyForm(w, r, sess, http.StatusOK, f, "")
	}
	if len(f.Errors) > 0 {
		return refuse(s.text.get("admin.policy.error.form"))
	}
	if err := p.Validate(); err != nil {
		if k := f.validationField(fieldOf(err)); k != "" {
			f.Errors[k] = hedui.MessageOf(err)
		}
		return refuse(hedui.MessageOf(err))
	}
	if _, err := rules.Compile(&p); err != nil {
		if hedui.KindOf(err) == hedui.KindInvalid || hedui.KindOf(err) == hedui.KindMalformed {
			f.Errors["rules"] = hedui.MessageOf(err)
			return refuse(s.text.get("admin.policy.error.compile", hedui.MessageOf(err)))
		}
		return err
	}
	if r.PostFormValue("action") == "dryrun" {
		dr, err := s.dryRun(r, sess, &p)
		if err != nil {
			if k := hedui.KindOf(err); k == hedui.KindNotFound || k == hedui.KindInvalid {
				return refuse(hedui.MessageOf(err))
			}
			return err
		}
		f.DryRun = dr
		return s.renderPolicyForm(w, r, sess, http.StatusOK, f, "")
	}
	if _, err := s.store.CreatePolicy(ctx, sess.by, p); err != nil {
		if k := hedui.KindOf(err); k == hedui.KindInvalid || k == hedui.KindConflict || k == hedui.KindMalformed {
			return refuse(hedui.MessageOf(err))
		}
		return err
	}
	http.Redirect(w, r, "/admin/policies?created=1", http.StatusSeeOther)
	return nil
}

// renderPolicyForm writes the form of the next version.
func (s *Server) renderPolicyForm(w http.ResponseWriter, r *http.Request, sess *session, status int, f policyForm, alert string) error {
	s.render(w, r, status, "admin_policy_new", view{Title: s.text.get("admin.policy.title"), Nav: "policies", Sess: sess, Page: f, Alert: alert})
	return nil
}

// dryRun evaluates the latest complete cases of the draft's county and
// hukou type under the policy in force and under the draft.
func (s *Server) dryRun(r *http.Request, sess *session, draft *hedui.Policy) (*dryRunView, error) {
	ctx := r.Context()
	today := hedui.Today(s.now())
	current, err := s.store.PolicyAt(ctx, draft.County, draft.Hukou, today)
	if err != nil {
		return nil, err
	}
	files, err := s.store.DryRunInputs(ctx, sess.by, draft.County, draft.Hukou, hedui.DefaultDryRunCases)
	if err != nil {
		return nil, err
	}
	numbers := make(map[int64]string, len(files))
	cases := make([]rules.CaseInput, len(files))
	for i := range files {
		cases[i], numbers[files[i].ID] = casework.Input(&files[i], today), files[i].Number
	}
	rep, err := rules.DryRun(cases, &current, draft, 10)
	if err != nil {
		return nil, hedui.E("web.dryRun", err)
	}
	out := &dryRunView{Current: current, Report: rep, Numbers: numbers}
	for _, ex := range rep.Examples {
		row := dryRunRow{Number: numbers[ex.CaseID], Before: ex.Before.Label(), After: ex.After.Label()}
		for _, rs := range ex.Reasons {
			row.Reasons = append(row.Reasons, rs.Text)
		}
		out.Examples = append(out.Examples, row)
	}
	return out, nil
}
