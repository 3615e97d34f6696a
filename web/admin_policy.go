package web

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

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

// policyForm is the form of the next version, as typed.
type policyForm struct {
	BaseID                             int64
	County, CountyName                 string
	Hukou                              hedui.HukouType
	BaseVersion                        int
	Name, Note, EffectiveFrom          string
	Standard, NearPoor, Lookback       string
	FinancialAssets, Vehicles, Homes   string
	Tolerance, ToleranceRatio, RulesTx string
	Errors                             map[string]string
	DryRun                             *dryRunView
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

// formatBP writes basis points as a decimal multiple: 15000 → 1.5.
func formatBP(bp int) string {
	s := fmt.Sprintf("%d.%04d", bp/hedui.BP, bp%hedui.BP)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// formatFenPlain writes fen as a plain decimal in 元, for form fields.
func formatFenPlain(f hedui.Fen) string {
	return fmt.Sprintf("%d.%02d", int64(f)/100, int64(f)%100)
}

var multipleRe = regexp.MustCompile(`^(\d{1,4})(?:\.(\d{1,4}))?$`)

// parseMultiple reads a decimal multiple as basis points, exactly:
// "1.5" → 15000.
func parseMultiple(s string) (int, bool) {
	m := multipleRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	frac := m[2]
	for len(frac) < 4 {
		frac += "0"
	}
	f, _ := strconv.Atoi(frac)
	return n*hedui.BP + f, true
}

// rulesText writes county rules one a line: id | name | effect | expr.
func rulesText(rs []hedui.PolicyRule) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%s | %s | %s | %s\n", r.ID, r.Name, r.Effect, r.Expr)
	}
	return b.String()
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
	f := policyForm{
		BaseID: base.ID, County: base.County, CountyName: names[base.County], Hukou: base.Hukou, BaseVersion: base.Version,
		Name: base.Name, EffectiveFrom: hedui.Today(s.now()).String(),
		Standard: formatFenPlain(base.StandardMonthlyFen), NearPoor: formatBP(base.NearPoorBP), Lookback: strconv.Itoa(base.LookbackMonths),
		FinancialAssets: formatBP(base.FinancialAssetsBP), Vehicles: strconv.Itoa(base.VehiclesAllowed), Homes: strconv.Itoa(base.HomesAllowed),
		Tolerance: formatFenPlain(base.ToleranceFen), ToleranceRatio: formatBP(base.ToleranceBP), RulesTx: rulesText(base.Rules),
	}
	s.render(w, r, http.StatusOK, "admin_policy_new", view{Title: s.text.get("admin.policy.title"), Nav: "policies", Sess: sess, Page: f})
	return nil
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
	get := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := policyForm{
		BaseID: base.ID, County: base.County, CountyName: names[base.County], Hukou: base.Hukou, BaseVersion: base.Version,
		Name: get("name"), Note: get("note"), EffectiveFrom: get("effective_from"),
		Standard: get("standard"), NearPoor: get("near_poor"), Lookback: get("lookback"),
		FinancialAssets: get("financial_assets"), Vehicles: get("vehicles"), Homes: get("homes"),
		Tolerance: get("tolerance"), ToleranceRatio: get("tolerance_ratio"), RulesTx: r.PostFormValue("rules"),
		Errors: map[string]string{},
	}
	p := base
	p.ID, p.Version, p.CreatedBy, p.Example = 0, 0, "", false
	p.Name, p.Note = f.Name, f.Note
	if f.Name == "" {
		f.Errors["name"] = s.text.get("admin.policy.error.required")
	}
	if d, err := hedui.ParseDate(f.EffectiveFrom); err != nil {
		f.Errors["effective_from"] = s.text.get("admin.policy.error.date")
	} else {
		p.EffectiveFrom = d
	}
	money := func(key, v string, dst *hedui.Fen) {
		if fen, ok := parseYuan(v); ok {
			*dst = fen
		} else {
			f.Errors[key] = s.text.get("admin.policy.error.yuan")
		}
	}
	multiple := func(key, v string, dst *int) {
		if bp, ok := parseMultiple(v); ok {
			*dst = bp
		} else {
			f.Errors[key] = s.text.get("admin.policy.error.multiple")
		}
	}
	count := func(key, v string, dst *int) {
		if n, err := strconv.Atoi(v); err == nil && n >= 0 && n <= 1000 {
			*dst = n
		} else {
			f.Errors[key] = s.text.get("admin.policy.error.count")
		}
	}
	money("standard", f.Standard, &p.StandardMonthlyFen)
	multiple("near_poor", f.NearPoor, &p.NearPoorBP)
	count("lookback", f.Lookback, &p.LookbackMonths)
	multiple("financial_assets", f.FinancialAssets, &p.FinancialAssetsBP)
	count("vehicles", f.Vehicles, &p.VehiclesAllowed)
	count("homes", f.Homes, &p.HomesAllowed)
	money("tolerance", f.Tolerance, &p.ToleranceFen)
	multiple("tolerance_ratio", f.ToleranceRatio, &p.ToleranceBP)
	p.Rules = nil
	for i, line := range strings.Split(strings.ReplaceAll(f.RulesTx, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.SplitN(line, "|", 4)
		if len(parts) != 4 {
			f.Errors["rules"] = s.text.get("admin.policy.error.rule_line", i+1)
			break
		}
		p.Rules = append(p.Rules, hedui.PolicyRule{ID: strings.TrimSpace(parts[0]), Name: strings.TrimSpace(parts[1]),
			Effect: hedui.RuleEffect(strings.TrimSpace(parts[2])), Expr: strings.TrimSpace(parts[3])})
	}
	title := s.text.get("admin.policy.title")
	refuse := func(alert string) error {
		s.render(w, r, http.StatusUnprocessableEntity, "admin_policy_new", view{Title: title, Nav: "policies", Sess: sess, Page: f, Alert: alert})
		return nil
	}
	if len(f.Errors) > 0 {
		return refuse(s.text.get("admin.policy.error.form"))
	}
	if err := p.Validate(); err != nil {
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
		s.render(w, r, http.StatusOK, "admin_policy_new", view{Title: title, Nav: "policies", Sess: sess, Page: f})
		return nil
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
