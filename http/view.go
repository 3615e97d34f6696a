package http

import (
	"fmt"
	"slices"
	"time"

	"hedui"
	"hedui/workday"
)

// applicationView is an application as the API returns it: the stored
// fields plus what the caller may do next, so that a client shows only
// the buttons that will work.
type applicationView struct {
	*hedui.Application
	StatusLabel string       `json:"status_label"`
	Actions     []actionView `json:"actions"`
	Editable    bool         `json:"editable"`
}

type actionView struct {
	Action       hedui.Action `json:"action"`
	Label        string       `json:"label"`
	NeedsComment bool         `json:"needs_comment"`
}

func viewApplication(a *hedui.Application, by hedui.Actor) applicationView {
	v := applicationView{
		Application: a,
		StatusLabel: a.Status.Label(),
		Actions:     []actionView{},
		Editable:    a.Status.Editable() && by.Role == hedui.RoleClerk,
	}
	a.Aid = nonNil(a.Aid)
	a.Members = nonNil(a.Members)
	a.Declaration.Incomes = nonNil(a.Declaration.Incomes)
	a.Declaration.Assets = nonNil(a.Declaration.Assets)
	a.Letters = nonNil(a.Letters)
	a.History = nonNil(a.History)
	for _, act := range hedui.ActionsFor(a.Status, by.Role) {
		v.Actions = append(v.Actions, actionView{Action: act, Label: act.Label(), NeedsComment: needsComment(a.Status, act)})
	}
	return v
}

func needsComment(from hedui.Status, act hedui.Action) bool {
	for _, r := range hedui.Rules {
		if r.Action == act && slices.Contains(r.From, from) {
			return r.NeedsComment
		}
	}
	return false
}

// nonNil makes empty lists encode as [] rather than null, which clients
// would otherwise have to special-case.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// itemLabels names the items of a department or a query in Chinese, in the
// same order, so that a client shows labels without its own table.
func itemLabels(items []hedui.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Label()
	}
	return out
}

// departmentView is a department as the API returns it.
type departmentView struct {
	hedui.Department
	ItemLabels      []string `json:"item_labels"`
	ChannelLabel    string   `json:"channel_label"`
	AgreementActive bool     `json:"agreement_active"` // the agreement is in force today
}

func viewDepartment(d hedui.Department, today hedui.Date) departmentView {
	d.Items = nonNil(d.Items)
	return departmentView{
		Department:      d,
		ItemLabels:      itemLabels(d.Items),
		ChannelLabel:    d.Channel.Label(),
		AgreementActive: d.Agreement.ActiveOn(today),
	}
}

// queryView is a query as the API returns it. Zero times are null, not
// year 1. The people asked about are listed only where the reader needs
// them (the liaison's own query, the verifier's check of it); lists carry
// the count.
type queryView struct {
	ID            string            `json:"id"`
	ApplicationID int64             `json:"application_id,omitempty"` // not shown to liaisons
	DepartmentID  int64             `json:"department_id"`
	Department    string            `json:"department_name"`
	Items         []hedui.Item      `json:"items"`
	ItemLabels    []string          `json:"item_labels"`
	Status        hedui.QueryStatus `json:"status"`
	StatusLabel   string            `json:"status_label"`
	CreatedAt     time.Time         `json:"created_at"`
	SentAt        *time.Time        `json:"sent_at"`
	DueOn         hedui.Date        `json:"due_on"`
	AnsweredAt    *time.Time        `json:"answered_at"`
	RemindedAt    *time.Time        `json:"reminded_at"`
	Overdue       bool              `json:"overdue"`
	// OverdueWorkdays is how many working days past due an open query is,
	// where the calendar can tell.
	OverdueWorkdays int             `json:"overdue_workdays,omitempty"`
	Attempts        int             `json:"attempts"`
	LastError       string          `json:"last_error,omitempty"`    // not shown to liaisons
	SubjectCount    int             `json:"subject_count,omitempty"` // absent where subjects were not read
	Subjects        []hedui.Subject `json:"subjects,omitempty"`
	Progress        []itemProgress  `json:"progress,omitempty"`
}

// itemProgress counts, for one item of a query, the subjects answered
// (查无记录 included) and those still owed.
type itemProgress struct {
	Item     hedui.Item `json:"item"`
	Label    string     `json:"label"`
	Answered int        `json:"answered"`
	Pending  int        `json:"pending"`
}

// viewQuery shapes q for by. Liaisons do not see the centre's case number
// or its delivery errors; withSubjects lists the people asked about.
func viewQuery(q hedui.Query, by hedui.Actor, today hedui.Date, withSubjects bool) queryView {
	v := queryView{
		ID:            q.ID,
		ApplicationID: q.ApplicationID,
		DepartmentID:  q.DepartmentID,
		Department:    q.Department,
		Items:         nonNil(q.Items),
		ItemLabels:    itemLabels(q.Items),
		Status:        q.Status,
		StatusLabel:   q.Status.Label(),
		CreatedAt:     q.CreatedAt,
		SentAt:        timeOrNil(q.SentAt),
		DueOn:         q.DueOn,
		AnsweredAt:    timeOrNil(q.AnsweredAt),
		RemindedAt:    timeOrNil(q.RemindedAt),
		Overdue:       q.Overdue(today),
		Attempts:      q.Attempts,
		LastError:     q.LastError,
		SubjectCount:  len(q.Subjects),
	}
	if by.Role == hedui.RoleLiaison {
		v.ApplicationID, v.LastError = 0, ""
	}
	if withSubjects {
		v.Subjects = nonNil(q.Subjects)
	}
	return v
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// answerView is one department answer with its labels.
type answerView struct {
	hedui.Answer
	DepartmentName string `json:"department_name"`
	ItemLabel      string `json:"item_label"`
	ChannelLabel   string `json:"channel_label"`
}

// problemView is one rejected row or answer: the line of the file where
// there is one, and a Chinese sentence saying what to fix.
type problemView struct {
	Line    int    `json:"line,omitempty"`
	Column  string `json:"column,omitempty"`
	Code    string `json:"code,omitempty"`
	Source  string `json:"source,omitempty"`
	Message string `json:"message"`
}

// calendarDays converts the workday package's entries for display.
func calendarDays(days []workday.Day) []hedui.CalendarDay {
	out := make([]hedui.CalendarDay, len(days))
	for i, d := range days {
		out[i] = hedui.CalendarDay{Date: hedui.DateOf(d.Date), Workday: d.Kind == workday.Workday, Name: d.Name}
	}
	return out
}

// batchView is a quarterly upload to the city with its label.
type batchView struct {
	hedui.Batch
	QuarterLabel string `json:"quarter_label"`
	CaseCount    int    `json:"case_count"`
}

func viewBatch(b hedui.Batch) batchView {
	b.CaseIDs = nonNil(b.CaseIDs)
	return batchView{Batch: b, QuarterLabel: quarterLabel(b.Quarter), CaseCount: len(b.CaseIDs)}
}

func quarterLabel(q hedui.Quarter) string { return fmt.Sprintf("%d年第%d季度", q.Year, q.Q) }
