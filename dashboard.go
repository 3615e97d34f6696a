package hedui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The dashboard shows the plan's three targets (seed §三) for the city and
// each county, with the figures behind them: department response times
// and backlog, conclusions by county and a twelve-month trend. It holds
// counts only, never a person, so admins and auditors may read it too.

// AuditDashboardView is the audit action of reading the dashboard.
const AuditDashboardView = "dashboard.view"

// Span returns the first and last civil day of the quarter.
func (q Quarter) Span() (from, to Date) {
	start := time.Date(q.Year, time.Month(3*(q.Q-1)+1), 1, 0, 0, 0, 0, time.UTC)
	return Date{start}, Date{start.AddDate(0, 3, -1)}
}

// String writes the quarter as 2026Q4, the form ParseQuarter reads.
func (q Quarter) String() string { return fmt.Sprintf("%dQ%d", q.Year, q.Q) }

// Label is the Chinese name: 2026年第4季度.
func (q Quarter) Label() string { return fmt.Sprintf("%d年第%d季度", q.Year, q.Q) }

// Prev is the quarter before q.
func (q Quarter) Prev() Quarter {
	if q.Q == 1 {
		return Quarter{Year: q.Year - 1, Q: 4}
	}
	return Quarter{Year: q.Year, Q: q.Q - 1}
}

// Valid reports whether q names a quarter hedui can hold data for.
func (q Quarter) Valid() bool { return q.Q >= 1 && q.Q <= 4 && q.Year >= 2000 && q.Year <= 2999 }

// ParseQuarter reads 2026Q4 (or 2026q4).
func ParseQuarter(s string) (Quarter, error) {
	y, n, ok := strings.Cut(strings.ToUpper(strings.TrimSpace(s)), "Q")
	year, err1 := strconv.Atoi(y)
	q, err2 := strconv.Atoi(n)
	out := Quarter{Year: year, Q: q}
	if !ok || err1 != nil || err2 != nil || len(n) != 1 || !out.Valid() {
		return Quarter{}, FieldErrorf("hedui.ParseQuarter", KindMalformed, "invalid_quarter", "quarter",
			"季度应写作“年份Q季度”，例如2026Q4")
	}
	return out, nil
}

// Targets are the plan's three target shares, in percent, with where they
// come from. They are dated configuration: a later plan sets new values
// from its own date, and a period is judged by the set in force on its
// last day.
type Targets struct {
	From        Date   `json:"from"`   // in force from this day
	Source      string `json:"source"` // the document that sets them
	NewVerified int    `json:"new_verified_percent"`
	Reverified  int    `json:"reverified_percent"`
	Sharing     int    `json:"sharing_percent"`
}

// PlanTargets is the history of target sets, oldest first. The first is
// 庆阳市's 2015 plan (庆政办发〔2015〕42号 §三): every new applicant
// verified before assistance (先核后保、应核尽核), every current recipient
// re-verified, information shared with at least half of the member units.
var PlanTargets = []Targets{{
	From:        Date{time.Date(2015, 4, 2, 0, 0, 0, 0, time.UTC)},
	Source:      "庆政办发〔2015〕42号《庆阳市城乡居民家庭经济状况核对试点工作实施方案》三、目标任务",
	NewVerified: 100,
	Reverified:  100,
	Sharing:     50,
}}

// TargetsOn returns the target set in force on d: the latest one that
// started on or before d, or the first one for an earlier day.
func TargetsOn(d Date) Targets {
	t := PlanTargets[0]
	for _, x := range PlanTargets[1:] {
		if !x.From.After(d.Time) {
			t = x
		}
	}
	return t
}

// Share is a count out of a total, kept as integers so that a display
// rounding never decides whether a target is met.
type Share struct {
	Count int `json:"count"`
	Of    int `json:"of"`
}

// Percent is the share in percent, 0 when there is nothing to count.
func (s Share) Percent() float64 {
	if s.Of == 0 {
		return 0
	}
	return 100 * float64(s.Count) / float64(s.Of)
}

// Meets reports whether the share reaches target percent. Nothing to
// count meets no target: an empty county is shown as such, not as 100%.
func (s Share) Meets(target int) bool { return s.Of > 0 && s.Count*100 >= target*s.Of }

// ConclusionCounts counts the current conclusions of cases by overall
// outcome (the verifier's decision where there is one).
type ConclusionCounts struct {
	Clear      int `json:"clear"`
	Visit      int `json:"visit"`
	Exceeds    int `json:"exceeds"`
	Incomplete int `json:"incomplete"`
}

// Add counts n conclusions with outcome o.
func (c *ConclusionCounts) Add(o Overall, n int) {
	switch o {
	case OverallClear:
		c.Clear += n
	case OverallVisit:
		c.Visit += n
	case OverallExceeds:
		c.Exceeds += n
	case OverallIncomplete:
		c.Incomplete += n
	}
}

// Total is the number of conclusions counted.
func (c ConclusionCounts) Total() int { return c.Clear + c.Visit + c.Exceeds + c.Incomplete }

// RegionFigures are one region's figures for the period.
type RegionFigures struct {
	Code string `json:"region_code"`
	Name string `json:"region_name"`
	// NewVerified: new applications the county accepted in the period, and
	// how many of them have a report issued by its end (应核尽核). The
	// agency can decide only on a report, so a ratio over decisions would
	// always be 100%; over the accepted cohort it shows whether
	// verification keeps up.
	NewVerified Share `json:"new_verified"`
	// Reverified: people on the active rolls, and how many of them a
	// re-verification round evaluated in the period (RecheckCoverage).
	Reverified Share `json:"reverified"`
	// Sharing: member units (active departments serving the region), and
	// how many of them have an agreement in force and answered in the
	// period (see ShareRatio).
	Sharing     Share            `json:"sharing"`
	Conclusions ConclusionCounts `json:"conclusions"`
}

// DeptFigures are one department's response figures for the cases in
// scope: answers in the period and their speed, and the backlog at the
// period's end (or today, for the current period).
type DeptFigures struct {
	ID       int64  `json:"department_id"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Level    Level  `json:"level"`
	Division string `json:"division_code"`
	Answered int    `json:"answered"` // queries answered in the period
	// AvgDays is the mean time from sending to answer, in calendar days,
	// over the queries answered in the period (0 when none).
	AvgDays float64 `json:"avg_days"`
	Late    int     `json:"late"`    // answered in the period after their due date
	Open    int     `json:"open"`    // still owed at the end
	Overdue int     `json:"overdue"` // of those, past due at the end
}

// MonthFigures are one calendar month (China time) of the trend.
type MonthFigures struct {
	Month    string `json:"month"`    // 2026-03
	Accepted int    `json:"accepted"` // cases accepted by a centre (all kinds)
	Reported int    `json:"reported"` // reports issued (corrections included)
	Answered int    `json:"answered"` // queries answered by departments
	Late     int    `json:"late"`     // of those, after their due date
}

// Dashboard is the dashboard of one region for one quarter. Regions holds
// the region itself first; a city is followed by each of its counties.
type Dashboard struct {
	Region      string          `json:"region_code"`
	Name        string          `json:"region_name"`
	Level       Level           `json:"level"`
	Quarter     Quarter         `json:"quarter"`
	From        Date            `json:"from"`
	To          Date            `json:"to"`
	AsOf        Date            `json:"as_of"` // the period's last day, or today while it runs
	Targets     Targets         `json:"targets"`
	Regions     []RegionFigures `json:"regions"`
	Departments []DeptFigures   `json:"departments"`
	Trend       []MonthFigures  `json:"trend"` // the twelve months ending with the period
}

// Dashboards computes the dashboard. region is a city or county code (""
// means the actor's own): a county's verifier, admin or auditor reads only
// his county, the city's reads the city or any of its counties. Other
// roles are refused. The read is audited.
type Dashboards interface {
	Dashboard(ctx context.Context, by Actor, region string, q Quarter) (*Dashboard, error)
}
