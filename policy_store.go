package hedui

import (
	"context"
	"time"
)

// Policies is the store's part of the rules: the versioned policy
// parameters of each county, the machine's conclusions on cases and the
// verifiers' decisions on them. The store does not compile county rules
// (package rules does, before a policy is saved); it checks the parameters
// with Policy.Validate as a backstop.
type Policies interface {
	// CreatePolicy stores a new version of the parameters of p's county
	// and hukou type: the next version number, who made it and when.
	// Versions are never changed or removed. Administrators only.
	CreatePolicy(ctx context.Context, by Actor, p Policy) (Policy, error)
	// Policies lists the versions of one county ("" for every county the
	// actor may read) and hukou type ("" for both), newest first.
	Policies(ctx context.Context, by Actor, county string, hukou HukouType) ([]Policy, error)
	Policy(ctx context.Context, by Actor, id int64) (Policy, error)
	// PolicyAt returns the version in force on day: the greatest
	// effective date on or before day, and of those the highest version.
	// Policies are not personal data, so no actor is needed.
	PolicyAt(ctx context.Context, county string, hukou HukouType, day Date) (Policy, error)

	// CaseFile reads what evaluating a case needs, for a verifier of its
	// region; the read is audited.
	CaseFile(ctx context.Context, by Actor, appID int64) (CaseFile, error)
	// SaveConclusion stores the machine's conclusion on a verified or
	// concluded case as its next conclusion version and moves a verified
	// case to concluded.
	SaveConclusion(ctx context.Context, by Actor, appID int64, c Conclusion) (StoredConclusion, error)
	// Conclusions lists a case's conclusions, newest first, each with its
	// decision if there is one.
	Conclusions(ctx context.Context, by Actor, appID int64) ([]StoredConclusion, error)
	// Decide records the verifier's confirmation or override of the latest
	// conclusion, which stays as it was, and moves the case to decided.
	Decide(ctx context.Context, by Actor, appID int64, d Decision) (Decision, error)
	// DryRunInputs reads the latest cases of a county and hukou type that
	// have all their answers (verified, concluded or decided), at most
	// limit of them (0: DefaultDryRunCases), to try a draft policy on.
	DryRunInputs(ctx context.Context, by Actor, county string, hukou HukouType, limit int) ([]CaseFile, error)
}

// DefaultDryRunCases is how many cases a dry run reads unless told.
const DefaultDryRunCases = 500

// MaxDryRunCases bounds a dry run.
const MaxDryRunCases = 5000

// CaseFile is one case as the rules read it: its members, its declaration,
// the departments' answers and the queries that say which answers are
// owed. Names and ID numbers are left out of Members and of the queries'
// subjects (which carry Ref and MemberID only): the rules do not read them.
type CaseFile struct {
	ID          int64       `json:"id"`
	Number      string      `json:"number"`
	Status      Status      `json:"status"`
	Region      Region      `json:"region"`
	Hukou       HukouType   `json:"hukou_type"`
	Members     []Member    `json:"members"`
	Declaration Declaration `json:"declaration"`
	Answers     []Answer    `json:"answers"`
	Queries     []Query     `json:"queries"`
}

// AsOf is the day the case is verified as of: the latest day the
// departments' answers are as of, never after today; today when there is
// no answer. The look-back window ends before that day's month, so an
// evaluation made weeks after the answers still reads the months they
// report.
func (f *CaseFile) AsOf(today Date) Date {
	var d Date
	for _, a := range f.Answers {
		if a.AsOf.After(d.Time) {
			d = a.AsOf
		}
	}
	if d.IsZero() || d.After(today.Time) {
		return today
	}
	return d
}

// StoredConclusion is a conclusion as stored: its version among the case's
// conclusions, who had it made and when, and the decision on it, if any.
type StoredConclusion struct {
	ID            int64     `json:"id"`
	ApplicationID int64     `json:"application_id"`
	Version       int       `json:"version"` // 1, 2, … per application
	CreatedBy     string    `json:"created_by"`
	CreatedAt     time.Time `json:"created_at"`
	Decision      *Decision `json:"decision,omitempty"`
	Conclusion
}

// Audit actions of the rules.
const (
	AuditPolicyCreate     = "policy.create"
	AuditPolicyDryRunRead = "policy.dryrun.read"  // the cases a dry run reads, in bulk
	AuditCaseFileRead     = "conclusion.evaluate" // a case read for evaluation
	AuditConclusionCreate = "conclusion.create"
	AuditConclusionView   = "conclusion.view"
	AuditDecisionCreate   = "decision.create"
)
