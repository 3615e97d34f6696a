// Package casework holds the verifier's steps that both the JSON API and
// the web pages take through the store: evaluating a case under the
// policy in force and issuing its report. Each is a few store calls and
// the rules or the report renderer between them, kept here once.
package casework

import (
	"context"
	"fmt"

	"hedui"
	"hedui/report"
	"hedui/rules"
)

// Input is a stored case as the rules take it, as of the day its answers
// are as of (see hedui.CaseFile.AsOf).
func Input(f *hedui.CaseFile, today hedui.Date) rules.CaseInput {
	return rules.CaseInput{
		ID: f.ID, Members: f.Members, Declaration: f.Declaration, Answers: f.Answers,
		Expected: rules.ExpectationsFrom(f.Queries), AsOf: f.AsOf(today),
	}
}

// Evaluate has the rules compare the declaration with the answers under
// the policy of the case's county and hukou type in force today, and
// stores the conclusion as the case's next version. Whether the caller
// may conclude is said before the policy is looked up; a policy that no
// longer compiles is an invalid-kind error naming it.
func Evaluate(ctx context.Context, st hedui.Store, by hedui.Actor, appID int64, today hedui.Date) (hedui.StoredConclusion, error) {
	const op = "casework.Evaluate"
	f, err := st.CaseFile(ctx, by, appID)
	if err != nil {
		return hedui.StoredConclusion{}, err
	}
	if _, err := hedui.FindRule(f.Status, hedui.ActConclude, by.Role); err != nil {
		return hedui.StoredConclusion{}, hedui.E(op, err)
	}
	p, err := st.PolicyAt(ctx, f.Region.County, f.Hukou, today)
	if err != nil {
		return hedui.StoredConclusion{}, err
	}
	compiled, err := rules.Compile(&p)
	if err != nil {
		return hedui.StoredConclusion{}, &hedui.Error{Op: op, Kind: hedui.KindInvalid, Code: "policy_broken", Err: err,
			Message: fmt.Sprintf("现行政策参数（%s第%d版）无法执行，请管理员录入修订版本：%s", p.Name, p.Version, hedui.MessageOf(err))}
	}
	in := Input(&f, today)
	return st.SaveConclusion(ctx, by, appID, rules.Check(compiled, &in))
}

// Issuer holds the settings reports are issued with: the number scheme,
// the verification address printed on them and the key their codes are
// derived from.
type Issuer struct {
	Scheme    report.NumberScheme
	VerifyURL string
	Key       []byte
}

// maxIssueAttempts bounds how often issuing starts again after another
// report took the number or version it was rendered with.
const maxIssueAttempts = 5

// IssueReport issues the report on a decided case, or a corrected
// version on a reported one: it reads the case, assembles the content,
// renders and seals the PDF (report.Issue) and stores it, starting again
// when another report took the slot meanwhile.
func (is Issuer) IssueReport(ctx context.Context, st hedui.Store, by hedui.Actor, appID int64) (hedui.Report, error) {
	const op = "casework.IssueReport"
	for attempt := 1; ; attempt++ {
		d, err := st.PrepareReport(ctx, by, appID)
		if err != nil {
			return hedui.Report{}, err
		}
		number, err := report.FormatNumber(is.Scheme, d.Slot.County, d.Slot.Year, d.Slot.Seq)
		if err != nil {
			return hedui.Report{}, hedui.E(op, hedui.KindInternal, "report_number", err)
		}
		content := hedui.NewReportContent(&d, number)
		iss, err := report.Issue(&content, report.Options{VerifyURL: is.VerifyURL, MemberNames: content.MemberNames()}, is.Key)
		if err != nil {
			return hedui.Report{}, hedui.E(op, hedui.KindInternal, "report_render", "报告生成失败，请联系管理员", err)
		}
		rep, err := st.IssueReport(ctx, by, appID, hedui.NewReport{Slot: d.Slot, Content: content, PDF: iss.PDF,
			SHA256: iss.SHA256, Code: iss.Code})
		if hedui.CodeOf(err) == "report_slot_taken" && attempt < maxIssueAttempts {
			continue
		}
		return rep, err
	}
}
