package hedui

import "time"

// AuditEntry is one line of the tamper-evident audit log. Seq is dense and
// strictly increasing; Hash chains each entry to its predecessor (see the
// audit package), so altering, deleting, inserting or reordering any entry
// breaks verification from that entry on.
type AuditEntry struct {
	Seq        int64     `json:"seq"`
	At         time.Time `json:"at"`
	UserID     int64     `json:"user_id"`
	Username   string    `json:"username"`
	Role       Role      `json:"role"`
	OrgID      int64     `json:"org_id"`
	Action     string    `json:"action"`      // e.g. application.view, member.add, login.fail
	ObjectType string    `json:"object_type"` // application, letter, user, ...
	ObjectID   string    `json:"object_id"`
	CaseID     int64     `json:"case_id,omitempty"` // the application concerned
	ClientAddr string    `json:"client_addr"`
	Purpose    string    `json:"purpose"`
	Detail     string    `json:"detail,omitempty"` // masked: never a full ID number
	PrevHash   string    `json:"prev_hash"`
	Hash       string    `json:"hash"`
}

// Audit actions. Reads of personal data are logged as well as writes.
const (
	AuditLogin          = "login"
	AuditLoginFail      = "login.fail"
	AuditLogout         = "logout"
	AuditAppCreate      = "application.create"
	AuditAppView        = "application.view"
	AuditAppList        = "application.list"
	AuditAppTransition  = "application.transition"
	AuditMemberAdd      = "member.add"
	AuditMemberRemove   = "member.remove"
	AuditDeclarationSet = "declaration.set"
	AuditLetterAdd      = "letter.add"
	AuditLetterScanPut  = "letter.scan.upload"
	AuditLetterScanGet  = "letter.scan.download"
	AuditUserCreate     = "user.create"
	AuditUserPassword   = "user.password"
	AuditUserDisable    = "user.disable"
	AuditUserEnable     = "user.enable"
	AuditUserList       = "user.list"
	AuditLogView        = "audit.view"
	AuditLogVerify      = "audit.verify"

	AuditDeptCreate   = "department.create"
	AuditDeptUpdate   = "department.update"
	AuditDispatch     = "exchange.dispatch"
	AuditQueriesView  = "exchange.queries.view" // an application's queries, with subjects
	AuditQueryView    = "exchange.query.view"
	AuditQueryList    = "exchange.queries.list" // a department's or a region's queries, with subjects
	AuditOutboxClaim  = "exchange.outbox.claim"
	AuditOutboxSent   = "exchange.outbox.sent"
	AuditOutboxFailed = "exchange.outbox.failed"
	AuditAnswers      = "exchange.answers"
	AuditAnswersView  = "exchange.answers.view"
	AuditRemind       = "exchange.remind"
	AuditCityMark     = "exchange.city.mark"
	AuditEscalate     = "exchange.escalate"
	AuditHolidayPut   = "holiday.put"

	AuditReportPrepare  = "report.prepare"  // a case read to render its report
	AuditReportIssue    = "report.issue"    // a report or a new version issued
	AuditReportView     = "report.view"     // a report's content shown (JSON or HTML)
	AuditReportList     = "report.list"     // the versions of a case's report listed
	AuditReportDownload = "report.download" // the PDF downloaded for printing: counted
	AuditReportVerify   = "report.verify"   // a public authenticity check, by code or hash
	AuditAgencyInbox    = "agency.inbox"    // an agency's list of reports
	AuditAgencyDecide   = "agency.decide"   // the agency's decision, closing the case
	AuditObjection      = "objection.create"
	AuditWebhookCreate  = "webhook.create"
	AuditWebhookList    = "webhook.list"
	AuditWebhookSent    = "webhook.delivered"
	AuditWebhookFailed  = "webhook.failed"
)

// AuditFilter selects audit entries. Zero fields do not filter.
type AuditFilter struct {
	Username string
	Action   string
	CaseID   int64
	From, To time.Time
	Limit    int
	Offset   int
}

// AuditBreak reports the first entry at which the chain fails.
type AuditBreak struct {
	Seq    int64  `json:"seq"`
	Reason string `json:"reason"`
}

// AuditReport is the result of verifying the whole log.
type AuditReport struct {
	Entries int64       `json:"entries"`
	Head    string      `json:"head_hash"`
	Break   *AuditBreak `json:"break,omitempty"`
}

// OK reports whether the chain is intact.
func (r AuditReport) OK() bool { return r.Break == nil }
