package hedui

import (
	"context"
	"time"
)

// Reports is the store's part of issuing reports and of what follows
// them: the assistance agency's inbox and decision, objections, and the
// outbound webhooks that tell agencies' systems about new reports.
//
// Versions. A report belongs to a chain: the first application of an
// objection chain (Report.Chain) and every re-check opened by objecting to
// it or to a later re-check. Versions are numbered per chain; issuing a
// report makes it the chain's only current one and links it to the one it
// replaces. A correction on a reported case (ActIssue again) and the
// report of a decided re-check are both new versions. Reports are never
// changed: only the current flag and the print count move.
//
// Scope. A verifier sees the reports of his region's cases, a clerk those
// of his township (read only), an agency those of its county or city
// (Actor.ReportScope); everyone else none.
type Reports interface {
	// PrepareReport reads what the report on a decided case (or, for a
	// correction, a reported one) shows, and the slot it will take: its
	// number's sequence and its version. The read is audited.
	PrepareReport(ctx context.Context, by Actor, appID int64) (ReportDraft, error)
	// IssueReport stores a rendered report in the slot PrepareReport gave.
	// If another report took the slot meanwhile it is a conflict with code
	// report_slot_taken: prepare and render again. In the same
	// transaction the case moves to reported, the chain's previous version
	// stops being current and a webhook delivery is queued for every
	// agency of the case's county and city.
	IssueReport(ctx context.Context, by Actor, appID int64, in NewReport) (Report, error)
	// Report returns one report with its content; the view is audited.
	Report(ctx context.Context, by Actor, id int64) (Report, error)
	// Reports lists every version of the chain appID belongs to, newest
	// first, without content.
	Reports(ctx context.Context, by Actor, appID int64) ([]Report, error)
	// ReportPDF returns the stored PDF for printing or saving, counts it
	// and audits it. The bytes are exactly those issued, so that their
	// SHA-256 verifies.
	ReportPDF(ctx context.Context, by Actor, id int64) (Report, []byte, error)
	// VerifyReport says whether a printed or saved report is authentic and
	// current, by its verification code or the SHA-256 of its PDF. It needs
	// no account (by is PublicActor) and shows no personal data; every
	// check is audited.
	VerifyReport(ctx context.Context, by Actor, codeOrSHA string) (ReportCheck, error)
	// ObjectionDays is the objection window of a county's reports in
	// calendar days, printed on the report and enforced by Object.
	ObjectionDays(county string) int

	// AgencyInbox lists the reports of the agency's region.
	AgencyInbox(ctx context.Context, by Actor, f InboxFilter) (Page[InboxItem], error)
	// AgencyDecide records the agency's decision on the current report of
	// a reported case and closes it (terminal: its members may be in a
	// later application), with the objected cases it descends from.
	AgencyDecide(ctx context.Context, by Actor, appID int64, in AgencyDecisionInput) (AgencyDecision, error)
	// Object records an objection to the current report of a reported
	// case within the window, and opens the re-check: a new application of
	// kind objection for the same household, accepted, with a copy of the
	// declaration and the household's members, linked to the objected
	// case. Its dispatch asks only the departments named here.
	Object(ctx context.Context, by Actor, appID int64, in ObjectionInput) (Objection, error)

	// CreateWebhook registers an agency's endpoint; administrators only.
	// The secret is returned once, in the result.
	CreateWebhook(ctx context.Context, by Actor, in NewWebhook) (Webhook, error)
	Webhooks(ctx context.Context, by Actor) ([]Webhook, error)
	// ClaimWebhookDeliveries leases up to limit due deliveries for
	// sending; a lease that expires makes them claimable again.
	ClaimWebhookDeliveries(ctx context.Context, limit int, lease time.Duration) ([]WebhookDelivery, error)
	// WebhookDelivered records success; WebhookFailed records a failed
	// attempt and retries at retryAt, or gives up when retryAt is zero.
	WebhookDelivered(ctx context.Context, id int64, at time.Time) error
	WebhookFailed(ctx context.Context, id int64, reason string, retryAt time.Time) error
}

// ReportScope is the region of reports the actor may read: a verifier's
// or clerk's case scope, and for an agency its county or city.
func (a Actor) ReportScope() Scope {
	if a.Role == RoleAgency && (a.Level == LevelCounty || a.Level == LevelCity) {
		return Scope{Level: a.Level, Code: a.Division}
	}
	return a.CaseScope()
}

// PublicActor is the caller of the public verification: nobody logged in.
func PublicActor(clientAddr string) Actor {
	return Actor{Username: "anonymous", ClientAddr: clientAddr, Purpose: "核验报告真伪"}
}

// ReportSlot is the place a report will take: the sequence of its number
// in its county and year, its version in its chain and the version it
// replaces. IssueReport checks that it is still free.
type ReportSlot struct {
	County   string `json:"county_code"`
	Year     int    `json:"year"`
	Seq      int64  `json:"seq"`
	Chain    int64  `json:"chain_id"`
	Version  int    `json:"version"`
	Replaces int64  `json:"replaces,omitempty"`
	Date     Date   `json:"date"` // the issue date printed on the report
}

// ReportDraft is what the report on a case is made from (see
// NewReportContent). For a re-check, the answers and queries include the
// objected case's for the departments the re-check did not ask again.
type ReportDraft struct {
	Slot          ReportSlot
	Application   *Application
	Conclusion    StoredConclusion // the latest, with its decision
	Queries       []Query
	Answers       []Answer
	Township      string // the household's township, by name
	Centre        string // the issuing centre: the verifier's organisation
	ObjectionDays int
	// ReplacesNumber and ReplacesVersion name the current report that the
	// new one replaces, if any.
	ReplacesNumber  string
	ReplacesVersion int
}

// NewReport is a rendered report handed to IssueReport.
type NewReport struct {
	Slot    ReportSlot
	Content ReportContent
	PDF     []byte
	SHA256  string // hex, of PDF
	Code    string // the verification code printed on it
}

// ReportCheck is the public answer about a report: nothing personal.
type ReportCheck struct {
	Authentic      bool      `json:"authentic"`
	Current        bool      `json:"current"`
	Number         string    `json:"number,omitempty"`
	Version        int       `json:"version,omitempty"`
	IssuedAt       time.Time `json:"issued_at,omitzero"`
	Centre         string    `json:"centre,omitempty"`
	Prints         int       `json:"prints"`
	CurrentVersion int       `json:"current_version,omitempty"` // the chain's current version, when this one is not
	Message        string    `json:"message"`                   // the answer in one Chinese sentence
}

// InboxFilter selects reports in an agency's inbox. Pending keeps the
// current reports of cases still awaiting the agency's decision. AfterID
// is the pull API's cursor: only reports with a greater id, oldest first.
type InboxFilter struct {
	Pending bool
	AfterID int64
	Limit   int
	Offset  int
}

// InboxItem is a report as an agency's inbox lists it: the head of
// household masked; the full report is one request away.
type InboxItem struct {
	ReportID          int64              `json:"report_id"`
	Number            string             `json:"number"`
	Version           int                `json:"version"`
	Current           bool               `json:"current"`
	IssuedAt          time.Time          `json:"issued_at"`
	Centre            string             `json:"centre"`
	ApplicationID     int64              `json:"application_id"`
	ApplicationNumber string             `json:"application_number"`
	Kind              AppKind            `json:"kind"`
	Status            Status             `json:"status"`
	Region            Region             `json:"region"`
	HeadName          string             `json:"head_name_masked"`
	Overall           Overall            `json:"overall"`
	Category          Category           `json:"category"`
	BenefitFen        Fen                `json:"benefit_fen"`
	ObjectionUntil    Date               `json:"objection_until"`
	Decision          AgencyDecisionKind `json:"agency_decision,omitempty"`
}

// AgencyDecisionKind is what the assistance agency decides on a report.
type AgencyDecisionKind string

const (
	AgencyApprove AgencyDecisionKind = "approve" // 批准（给予或继续救助）
	AgencyReject  AgencyDecisionKind = "reject"  // 不予批准
	AgencyStop    AgencyDecisionKind = "stop"    // 停止救助（在保对象）
)

var agencyDecisionLabels = map[AgencyDecisionKind]string{
	AgencyApprove: "批准", AgencyReject: "不予批准", AgencyStop: "停止救助",
}

// Valid reports whether k is known.
func (k AgencyDecisionKind) Valid() bool { _, ok := agencyDecisionLabels[k]; return ok }

// Label is the Chinese name.
func (k AgencyDecisionKind) Label() string {
	if s, ok := agencyDecisionLabels[k]; ok {
		return s
	}
	return string(k)
}

// AgencyDecisionInput is the agency's decision as entered.
type AgencyDecisionInput struct {
	Decision AgencyDecisionKind `json:"decision"`
	Note     string             `json:"note"`
}

// AgencyDecision is the agency's recorded decision. Removal is the 清退
// recommendation: the case re-verifies an existing recipient (its chain
// began as a periodic review) and the decided category is 不符合. It is a
// recommendation printed for the agency, which decides; the platform keeps
// no rolls.
type AgencyDecision struct {
	ApplicationID int64              `json:"application_id"`
	ReportID      int64              `json:"report_id"`
	Decision      AgencyDecisionKind `json:"decision"`
	Note          string             `json:"note,omitempty"`
	Removal       bool               `json:"removal_recommended"`
	By            string             `json:"by"`
	At            time.Time          `json:"at"`
}

// Objector is who objects: the agency itself, or the family, whose
// objection the agency records.
type Objector string

const (
	ObjectorAgency Objector = "agency"
	ObjectorFamily Objector = "family"
)

// Valid reports whether o is known.
func (o Objector) Valid() bool { return o == ObjectorAgency || o == ObjectorFamily }

// ObjectionInput names the departments to ask again and why.
type ObjectionInput struct {
	Departments []int64  `json:"department_ids"`
	Reason      string   `json:"reason"`
	Objector    Objector `json:"objector"` // default agency
}

// Objection is a recorded objection and the re-check it opened.
type Objection struct {
	ID                int64     `json:"id"`
	ApplicationID     int64     `json:"application_id"` // the objected case
	ReportID          int64     `json:"report_id"`      // the report objected to
	RecheckID         int64     `json:"recheck_id"`     // the re-check case (kind objection)
	RecheckNumber     string    `json:"recheck_number"`
	Departments       []int64   `json:"department_ids"`
	DepartmentNames   []string  `json:"department_names"`
	Reason            string    `json:"reason"`
	Objector          Objector  `json:"objector"`
	By                string    `json:"by"`
	At                time.Time `json:"at"`
	WindowEnds        Date      `json:"window_ends"` // the last day an objection was possible
	OriginalReportNum string    `json:"report_number"`
}

// ObjectionDeadline is the last day to object to a report issued on
// issued: the window counts calendar days, as deployed systems' "5日内"
// does, from the day after issue.
func ObjectionDeadline(issued Date, days int) Date {
	return Date{issued.AddDate(0, 0, days)}
}

// Webhook is an agency's endpoint for report notifications. Secret is
// set only in CreateWebhook's result.
type Webhook struct {
	ID        int64     `json:"id"`
	OrgID     int64     `json:"org_id"`
	OrgName   string    `json:"org_name"`
	URL       string    `json:"url"`
	KeyID     string    `json:"key_id"`
	Secret    string    `json:"secret,omitempty"` // base64, shown once
	Active    bool      `json:"active"`
	CreatedBy string    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// NewWebhook registers an endpoint of an agency organisation. A nil
// Secret has the store generate one.
type NewWebhook struct {
	OrgID  int64  `json:"org_id"`
	URL    string `json:"url"`
	Secret []byte `json:"-"`
}

// WebhookDelivery is one notification leased for sending.
type WebhookDelivery struct {
	ID        int64
	WebhookID int64
	ReportID  int64
	URL       string
	KeyID     string
	Secret    []byte
	Event     string
	Payload   []byte
	Attempts  int // before this one
}

// WebhookEventReport is the event of a newly issued report or version.
const WebhookEventReport = "report.issued"

// WebhookPayload is the JSON body of a notification: no personal data,
// since the agency's system fetches the report with its own account.
type WebhookPayload struct {
	Event             string    `json:"event"`
	ReportID          int64     `json:"report_id"`
	Number            string    `json:"number"`
	Version           int       `json:"version"`
	Replaces          int64     `json:"replaces,omitempty"`
	ApplicationID     int64     `json:"application_id"`
	ApplicationNumber string    `json:"application_number"`
	Kind              AppKind   `json:"kind"`
	County            string    `json:"county_code"`
	Overall           Overall   `json:"overall"`
	Category          Category  `json:"category"`
	IssuedAt          time.Time `json:"issued_at"`
	SHA256            string    `json:"sha256"`
	Code              string    `json:"code"`
	ObjectionUntil    Date      `json:"objection_until"`
}
