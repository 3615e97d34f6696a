package hedui

import "slices"

// Status is where an application stands. Later capabilities (dispatch,
// conclusions, reports) extend this list; the transition table below is the
// single place that says who may move a case from one status to the next.
type Status string

const (
	StatusDraft     Status = "draft"     // 草稿: the clerk is still entering it
	StatusSubmitted Status = "submitted" // 已提交: waiting for the county's review
	StatusReturned  Status = "returned"  // 已退回: sent back to the clerk to fix
	StatusAccepted  Status = "accepted"  // 已受理: the county accepted it for verification
	StatusVerifying Status = "verifying" // 核对中: queries sent, answers arriving
	StatusVerified  Status = "verified"  // 已反馈: every department answered about every member
	StatusConcluded Status = "concluded" // 已出结论: the machine's conclusion is stored
	StatusDecided   Status = "decided"   // 已确认: the verifier confirmed or overrode the conclusion
	StatusReported  Status = "reported"  // 已出具报告: the report went to the assistance agency
	StatusObjected  Status = "objected"  // 异议复查中: an objection opened a linked re-check case
	StatusClosed    Status = "closed"    // 已办结: the agency decided on the report (terminal)
	StatusWithdrawn Status = "withdrawn" // 已撤回: abandoned before acceptance (terminal)
)

var statusLabels = map[Status]string{
	StatusDraft: "草稿", StatusSubmitted: "待复审", StatusReturned: "已退回",
	StatusAccepted: "已受理", StatusVerifying: "核对中", StatusVerified: "已反馈",
	StatusConcluded: "已出结论", StatusDecided: "已确认", StatusReported: "已出具报告",
	StatusObjected: "异议复查中", StatusClosed: "已办结", StatusWithdrawn: "已撤回",
}

// Statuses lists every status in lifecycle order.
var Statuses = []Status{StatusDraft, StatusSubmitted, StatusReturned, StatusAccepted, StatusVerifying, StatusVerified,
	StatusConcluded, StatusDecided, StatusReported, StatusObjected, StatusClosed, StatusWithdrawn}

// Valid reports whether s is known.
func (s Status) Valid() bool { _, ok := statusLabels[s]; return ok }

// Label is the Chinese name.
func (s Status) Label() string {
	if l, ok := statusLabels[s]; ok {
		return l
	}
	return string(s)
}

// Terminal reports whether no further transition leaves s. A person may be
// in only one application that is not terminal. A closed case frees its
// members for a later periodic review. An objected case is not terminal,
// but its members move to the re-check it opened (see Reports.Object).
func (s Status) Terminal() bool { return s == StatusWithdrawn || s == StatusClosed }

// Editable reports whether the household, members, declaration and letters
// of an application in status s may change.
func (s Status) Editable() bool { return s == StatusDraft || s == StatusReturned }

// Action is a verb that moves an application.
type Action string

const (
	ActSubmit       Action = "submit"        // clerk sends the case to the county
	ActAccept       Action = "accept"        // county accepts it for verification
	ActReturn       Action = "return"        // county sends it back, with a reason
	ActWithdraw     Action = "withdraw"      // clerk abandons it
	ActDispatch     Action = "dispatch"      // centre sends the queries to the departments
	ActComplete     Action = "complete"      // the last answer arrived (taken by the system)
	ActConclude     Action = "conclude"      // the rules evaluated the case; its conclusion is stored
	ActDecide       Action = "decide"        // the verifier confirms or overrides the conclusion
	ActIssue        Action = "issue"         // the verifier issues the report (a correction issues a new version)
	ActObject       Action = "object"        // the agency (or the family through it) objects to the report
	ActAgencyDecide Action = "agency_decide" // the agency records its decision on the report, closing the case
)

var actionLabels = map[Action]string{
	ActSubmit: "提交复审", ActAccept: "受理", ActReturn: "退回", ActWithdraw: "撤回",
	ActDispatch: "发起核对", ActComplete: "反馈完成", ActConclude: "出具核对结论", ActDecide: "确认核对结论",
	ActIssue: "出具核对报告", ActObject: "提出异议", ActAgencyDecide: "经办机构决定",
}

// Label is the Chinese name.
func (a Action) Label() string {
	if l, ok := actionLabels[a]; ok {
		return l
	}
	return string(a)
}

// Rule is one row of the transition table.
type Rule struct {
	From          []Status
	Action        Action
	To            Status
	Roles         []Role
	NeedsComment  bool // the reason is required (returns, overrides)
	NeedsComplete bool // the application must pass CheckComplete
	// Internal rules are taken by the operation that does the work
	// (dispatch, answer ingestion), never through a plain transition.
	Internal bool
}

// Rules is the lifecycle. Keep it a table: the web UI lists the actions an
// actor may take from it, and tests walk it.
var Rules = []Rule{
	{From: []Status{StatusDraft, StatusReturned}, Action: ActSubmit, To: StatusSubmitted, Roles: []Role{RoleClerk}, NeedsComplete: true},
	{From: []Status{StatusSubmitted}, Action: ActAccept, To: StatusAccepted, Roles: []Role{RoleVerifier}, NeedsComplete: true},
	{From: []Status{StatusSubmitted}, Action: ActReturn, To: StatusReturned, Roles: []Role{RoleVerifier}, NeedsComment: true},
	{From: []Status{StatusDraft, StatusReturned}, Action: ActWithdraw, To: StatusWithdrawn, Roles: []Role{RoleClerk}},
	{From: []Status{StatusAccepted}, Action: ActDispatch, To: StatusVerifying, Roles: []Role{RoleVerifier}, NeedsComplete: true, Internal: true},
	{From: []Status{StatusVerifying}, Action: ActComplete, To: StatusVerified, Roles: []Role{RoleSystem}, Internal: true},
	// Evaluating again (late answers, a new policy version) stores another
	// conclusion version and leaves a concluded case where it is.
	{From: []Status{StatusVerified, StatusConcluded}, Action: ActConclude, To: StatusConcluded, Roles: []Role{RoleVerifier}, Internal: true},
	{From: []Status{StatusConcluded}, Action: ActDecide, To: StatusDecided, Roles: []Role{RoleVerifier}, Internal: true},
	// Issuing again on a reported case is a correction: a new version of
	// the report that replaces the current one.
	{From: []Status{StatusDecided, StatusReported}, Action: ActIssue, To: StatusReported, Roles: []Role{RoleVerifier}, Internal: true},
	// An objection opens a linked re-check case (kind objection) that takes
	// over the household's members; the objected case waits for it.
	{From: []Status{StatusReported}, Action: ActObject, To: StatusObjected, Roles: []Role{RoleAgency}, Internal: true, NeedsComment: true},
	// The agency decides on the current report of a reported case. Closing
	// a re-check also closes the objected cases it descends from, which is
	// why objected is a source here; the store refuses a decision taken on
	// an objected case directly.
	{From: []Status{StatusReported, StatusObjected}, Action: ActAgencyDecide, To: StatusClosed, Roles: []Role{RoleAgency}, Internal: true},
}

// FindRule returns the rule that lets role take action from status, or an
// error saying in Chinese why not.
func FindRule(from Status, action Action, role Role) (Rule, error) {
	const op = "hedui.FindRule"
	known := false
	for _, r := range Rules {
		if r.Action != action {
			continue
		}
		known = true
		if !slices.Contains(r.From, from) {
			continue
		}
		if !slices.Contains(r.Roles, role) {
			return Rule{}, Errorf(op, KindPermission, "action_not_allowed_for_role",
				"%s无权对该申请执行“%s”操作", role.Label(), action.Label())
		}
		return r, nil
	}
	if !known {
		return Rule{}, FieldErrorf(op, KindInvalid, "unknown_action", "action", "未知的操作：%s", action)
	}
	return Rule{}, Errorf(op, KindConflict, "illegal_transition",
		"申请当前状态为“%s”，不能执行“%s”操作", from.Label(), action.Label())
}

// ActionsFor lists the plain transitions role may take on an application in
// status s. Internal actions are offered by the screens of their own work.
func ActionsFor(s Status, role Role) []Action {
	var out []Action
	for _, r := range Rules {
		if !r.Internal && slices.Contains(r.From, s) && slices.Contains(r.Roles, role) {
			out = append(out, r.Action)
		}
	}
	return out
}

// PlainRule is FindRule for the plain transition operation: internal
// actions are refused there because they must do their work too.
func PlainRule(from Status, action Action, role Role) (Rule, error) {
	r, err := FindRule(from, action, role)
	if err == nil && r.Internal {
		return Rule{}, Errorf("hedui.PlainRule", KindInvalid, "internal_action",
			"“%s”须通过专门的功能执行，不能直接变更状态", action.Label())
	}
	return r, err
}
