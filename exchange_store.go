package hedui

import (
	"context"
	"time"
)

// Exchanges is the store's part of the information-sharing platform:
// departments and agreements, queries and their outbox, answers, deadlines
// and the quarterly escalation to the city. As everywhere, the actor's
// scope is applied in the queries: a verifier sees the queries of his
// region's cases, a liaison only those addressed to his department.
type Exchanges interface {
	CreateDepartment(ctx context.Context, by Actor, d Department) (Department, error)
	UpdateDepartment(ctx context.Context, by Actor, d Department) (Department, error)
	Departments(ctx context.Context, by Actor) ([]Department, error)
	Department(ctx context.Context, by Actor, id int64) (Department, error)

	// Dispatch launches verification of an accepted application: in one
	// transaction it creates one query per department that serves the
	// application's region at the given level, listing only members
	// covered by a valid letter, computes each due date with due, puts the
	// queries in the outbox and moves the application to verifying.
	// Dispatching again returns the existing queries.
	Dispatch(ctx context.Context, by Actor, appID int64, level Level, due DueFunc) (Dispatched, error)
	// Queries lists an application's queries with their status.
	Queries(ctx context.Context, by Actor, appID int64) ([]Query, error)
	// Query returns one query with its subjects, for its department's
	// liaison or a verifier of its case.
	Query(ctx context.Context, by Actor, id string) (Query, error)
	// DepartmentQueries lists the queries addressed to the liaison's
	// department (or, for a verifier, to any department of his region).
	DepartmentQueries(ctx context.Context, by Actor, f QueryFilter) (Page[Query], error)

	// ClaimOutbox leases up to limit pending queries of one department for
	// sending, so that two nodes never send the same query at once; a lease
	// that expires makes them claimable again.
	ClaimOutbox(ctx context.Context, deptID int64, limit int, lease time.Duration) ([]Query, error)
	// OutboxDepartments lists departments with pending queries.
	OutboxDepartments(ctx context.Context) ([]int64, error)
	// MarkSent records delivery; MarkFailed a permanent failure; Release
	// hands back a lease after a transient failure with its reason.
	MarkSent(ctx context.Context, ids []string, at time.Time) error
	MarkFailed(ctx context.Context, id, reason string) error
	Release(ctx context.Context, id, reason string) error

	// RecordAnswers stores answers as immutable evidence. Re-recording an
	// identical answer changes nothing; an answer to an unknown query or
	// subject, or from a department the query was not addressed to, is a
	// problem reported per answer, and the others are kept.
	RecordAnswers(ctx context.Context, by Actor, deptID int64, answers []Answer) (IngestReport, error)
	// Answers lists the answers about an application's members.
	Answers(ctx context.Context, by Actor, appID int64) ([]Answer, error)

	// Overdue lists open queries past due on day in the actor's view.
	Overdue(ctx context.Context, by Actor, day Date) ([]Query, error)
	// Remind records a reminder for each overdue query not reminded today.
	Remind(ctx context.Context, by Actor, day Date) (int, error)

	// ShareRatios computes the plan's share ratio per county and for the
	// city over [from, to].
	ShareRatios(ctx context.Context, by Actor, from, to Date) ([]ShareRatio, error)

	// MarkForCity flags an accepted case of the actor's county as needing
	// city-level queries; Escalate gathers the flagged cases of a county
	// into the quarter's batch for the city centre.
	MarkForCity(ctx context.Context, by Actor, appID int64, need bool, reason string) error
	Escalate(ctx context.Context, by Actor, county string, quarter Quarter) (Batch, error)
	Batches(ctx context.Context, by Actor) ([]Batch, error)

	// HolidayYears returns the holiday calendar entries stored by admins
	// (they override the compiled-in official table for their years).
	HolidayYears(ctx context.Context) (map[int][]CalendarDay, error)
	PutHolidayYear(ctx context.Context, by Actor, year int, days []CalendarDay) error
}

// DueFunc computes a due date from a send date and a number of working
// days; it fails for a year without calendar data.
type DueFunc func(sent Date, workdays int) (Date, error)

// Dispatched is the result of launching a verification.
type Dispatched struct {
	Queries  []Query     `json:"queries"`
	Excluded []Exclusion `json:"excluded"`
	Created  bool        `json:"created"` // false when the queries already existed
	// SkippedDepartments names the departments of the region that were not
	// asked because they have no sharing agreement in force today.
	SkippedDepartments []string `json:"skipped_departments,omitempty"`
}

// QueryFilter selects queries in a department's view.
type QueryFilter struct {
	DepartmentID int64
	Status       []QueryStatus
	OverdueOn    Date // non-zero: only queries overdue on that day
	Limit        int
	Offset       int
}

// IngestReport says what recording answers achieved.
type IngestReport struct {
	Recorded   int       `json:"recorded"`
	Duplicates int       `json:"duplicates"`
	Problems   []Problem `json:"problems"`
	Completed  []int64   `json:"completed_applications"` // cases whose answers are now complete
}

// Problem is one rejected input row, with where it came from.
type Problem struct {
	Source  string `json:"source"` // file:line, or query id and subject
	Column  string `json:"column,omitempty"`
	Message string `json:"message"`
}

// ShareRatio is the plan's information-sharing target for one region:
// member units with an active agreement that answered in the period,
// divided by member units.
type ShareRatio struct {
	Region        string  `json:"region_code"`
	Name          string  `json:"region_name"`
	Units         int     `json:"units"`
	WithAgreement int     `json:"with_agreement"`
	Sharing       int     `json:"sharing"`
	Ratio         float64 `json:"ratio"` // a display ratio, never used for money
}

// Quarter is a calendar quarter, e.g. 2026Q4.
type Quarter struct {
	Year int `json:"year"`
	Q    int `json:"quarter"`
}

// QuarterOf returns the quarter containing d.
func QuarterOf(d Date) Quarter { return Quarter{Year: d.Year(), Q: (int(d.Month())-1)/3 + 1} }

// FirstMonth reports whether d falls in the first month of its quarter,
// when counties send their cases up to the city (seed §三).
func FirstMonth(d Date) bool { return (int(d.Month())-1)%3 == 0 }

// Batch is one county's quarterly upload to the city centre.
type Batch struct {
	ID        int64     `json:"id"`
	County    string    `json:"county_code"`
	Quarter   Quarter   `json:"quarter"`
	CaseIDs   []int64   `json:"application_ids"`
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by"`
}

// CalendarDay is one stored holiday-calendar entry.
type CalendarDay struct {
	Date    Date   `json:"date"`
	Workday bool   `json:"workday"` // true: an adjusted working day (调休上班); false: a holiday
	Name    string `json:"name"`
}
