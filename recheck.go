package hedui

import (
	"context"
	"sort"
	"time"
)

// Re-verification rounds (复核轮次): every household on the 低保/特困 rolls
// is checked again with the departments on a schedule — yearly when its
// income is stable and no member can work, every six months otherwise
// (seed §三). A round asks the departments about all due households in
// bulk, compares each household's answers with the previous round (or, the
// first time, with what the roll records) and lists the changes that matter
// as warnings (预警名单), largest gap first. A verifier dismisses a warning
// or recommends that the agency take the household off the roll (清退).

// RecheckSchedule is the dated configuration of re-verification for one
// county and category: how often, and which changes are worth a warning.
// The version in force on a day is the one with the latest ValidFrom on or
// before it. Numbers set for demos and tests carry Example (示例).
type RecheckSchedule struct {
	County    string   `json:"county_code"`
	Category  Category `json:"category"` // dibao or tekun
	ValidFrom Date     `json:"valid_from"`
	// StableMonths is the interval for households whose income is stable
	// and none of whose members can work; OtherMonths for the others.
	StableMonths int `json:"stable_months"`
	OtherMonths  int `json:"other_months"`
	// IncomeRiseBP is the rise of household monthly income over the
	// baseline, in basis points, from which a rise is a warning (3000: +30%).
	IncomeRiseBP int `json:"income_rise_bp"`
	// IncomeRiseMinFen ignores rises smaller than this many fen a month,
	// so that a household with almost no income is not flagged for a few
	// yuan.
	IncomeRiseMinFen Fen       `json:"income_rise_min_fen"`
	Example          bool      `json:"example"` // demo values (示例), not a county's decision
	Note             string    `json:"note,omitempty"`
	CreatedBy        string    `json:"created_by"`
	CreatedAt        time.Time `json:"created_at"`
}

// ExampleRecheckSchedule is the plan's default cadence with demo
// thresholds, labelled 示例, for demos and tests.
func ExampleRecheckSchedule(county string, c Category, from Date) RecheckSchedule {
	return RecheckSchedule{County: county, Category: c, ValidFrom: from, StableMonths: 12, OtherMonths: 6,
		IncomeRiseBP: 3000, IncomeRiseMinFen: 10000, Example: true, Note: "示例参数"}
}

// Interval returns the months between two re-verifications of a household.
func (s RecheckSchedule) Interval(stable bool) int {
	if stable {
		return s.StableMonths
	}
	return s.OtherMonths
}

// NewRound starts a round over a county or the whole city as of a day.
type NewRound struct {
	Scope string `json:"scope_code"` // a county or the city
	AsOf  Date   `json:"as_of"`
}

// RoundStatus is where a round stands.
type RoundStatus string

const (
	RoundRunning  RoundStatus = "running"  // parts remain to be done
	RoundFinished RoundStatus = "finished" // every due household evaluated
)

// Round is one re-verification round.
type Round struct {
	ID         int64       `json:"id"`
	Scope      string      `json:"scope_code"`
	AsOf       Date        `json:"as_of"`
	Status     RoundStatus `json:"status"`
	Households int         `json:"households"` // due and asked
	Excluded   int         `json:"excluded"`   // due but not asked (no valid letter)
	Parts      int         `json:"parts"`
	PartsDone  int         `json:"parts_done"`
	CreatedBy  string      `json:"created_by"`
	CreatedAt  time.Time   `json:"created_at"`
	FinishedAt time.Time   `json:"finished_at"`
}

// RoundCounts are a round's progress for one department or overall:
// queries sent, answered, and households evaluated.
type RoundCounts struct {
	DepartmentID int64  `json:"department_id,omitempty"`
	Department   string `json:"department_name,omitempty"`
	Dispatched   int    `json:"dispatched"`
	Answered     int    `json:"answered"`
	Evaluated    int    `json:"evaluated"`
	// Refused counts the queries the department refused and that no
	// answer file has answered yet; Refusal is one of their reasons.
	Refused int    `json:"refused"`
	Refusal string `json:"refusal,omitempty"`
}

// RoundProgress is a round's progress.
type RoundProgress struct {
	Round       Round         `json:"round"`
	Overall     RoundCounts   `json:"overall"`
	Departments []RoundCounts `json:"departments"`
}

// RoundExclusion is a due household the round did not ask about, and why.
type RoundExclusion struct {
	HouseholdID int64  `json:"household_id"`
	County      string `json:"county_code"`
	Number      string `json:"number"`
	Reason      string `json:"reason"`
}

// RoundPreview is what StartRound would do now, counted without writing
// anything: the households due and to be asked, their persons, and the
// due households left out, by reason.
type RoundPreview struct {
	Scope      string           `json:"scope_code"`
	AsOf       Date             `json:"as_of"`
	Households int              `json:"households"`
	Persons    int              `json:"persons"`
	Excluded   int              `json:"excluded"`
	Reasons    []ExclusionCount `json:"excluded_by_reason"`
}

// ExclusionCount is how many due households were left out for one reason.
type ExclusionCount struct {
	Reason     string `json:"reason"`
	Households int    `json:"households"`
}

// CountExclusions groups exclusions by reason, the most frequent first
// (ties by reason).
func CountExclusions(ex []RoundExclusion) []ExclusionCount {
	by := map[string]int{}
	for _, x := range ex {
		by[x.Reason]++
	}
	out := make([]ExclusionCount, 0, len(by))
	for reason, n := range by {
		out = append(out, ExclusionCount{Reason: reason, Households: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Households != out[j].Households {
			return out[i].Households > out[j].Households
		}
		return out[i].Reason < out[j].Reason
	})
	return out
}

// ChangeKind is a change between rounds that may end assistance.
type ChangeKind string

const (
	ChangeVehicle     ChangeKind = "new_vehicle"       // 新增车辆
	ChangeProperty    ChangeKind = "new_property"      // 新增房产
	ChangeJob         ChangeKind = "new_job"           // 新增就业或财政供养
	ChangeBusiness    ChangeKind = "new_business"      // 新注册工商主体
	ChangeDeath       ChangeKind = "death"             // 成员死亡
	ChangeAboveLine   ChangeKind = "income_above_line" // 人均收入超过低保标准
	ChangeIncomeRises ChangeKind = "income_rise"       // 收入明显增加
)

var changeLabels = map[ChangeKind]string{
	ChangeVehicle: "新增车辆", ChangeProperty: "新增房产", ChangeJob: "新增就业或财政供养", ChangeBusiness: "新注册工商主体",
	ChangeDeath: "成员死亡", ChangeAboveLine: "人均收入超过低保标准", ChangeIncomeRises: "收入明显增加",
}

// ChangeKinds lists every kind of change, in the order filters show them.
func ChangeKinds() []ChangeKind {
	return []ChangeKind{ChangeAboveLine, ChangeIncomeRises, ChangeVehicle, ChangeProperty, ChangeJob, ChangeBusiness, ChangeDeath}
}

// Label is the Chinese name.
func (k ChangeKind) Label() string {
	if s, ok := changeLabels[k]; ok {
		return s
	}
	return string(k)
}

// Change is one finding about a household. GapFen sizes it so that the
// list can be ranked: income over the line or over the baseline counted
// for a year, the amount of a new asset, a year of benefit for a death.
type Change struct {
	Kind     ChangeKind `json:"kind"`
	MemberID int64      `json:"member_id,omitempty"`
	GapFen   Fen        `json:"gap_fen"`
	Detail   string     `json:"detail"`
	// Evidence names the answer rows of the round that show the change.
	Evidence []AnswerKey `json:"evidence"`
}

// AnswerKey names a household's answer rows in a round: every
// department's answer about that member and item.
type AnswerKey struct {
	MemberID int64 `json:"member_id"`
	Item     Item  `json:"item"`
}

// WarningStatus is where a warning stands.
type WarningStatus string

const (
	WarningOpen        WarningStatus = "open"        // to be looked at
	WarningDismissed   WarningStatus = "dismissed"   // looked at: nothing to do
	WarningRecommended WarningStatus = "recommended" // 清退 recommended to the agency
)

// RecheckWarning is one household of the warning list (预警名单).
type RecheckWarning struct {
	ID          int64         `json:"id"`
	RoundID     int64         `json:"round_id"`
	HouseholdID int64         `json:"household_id"`
	County      string        `json:"county_code"`
	Township    string        `json:"township_code"`
	Number      string        `json:"number"`
	Category    Category      `json:"category"`
	HeadMasked  string        `json:"head_masked"`
	GapFen      Fen           `json:"gap_fen"`
	Changes     []Change      `json:"changes"`
	Status      WarningStatus `json:"status"`
	Note        string        `json:"note,omitempty"`
	CreatedAt   time.Time     `json:"created_at"`
	// Evidence is filled by Warning only: the department rows behind the
	// changes.
	Evidence []RecheckEvidence `json:"evidence,omitempty"`
}

// RecheckEvidence is one department answer row behind a warning.
type RecheckEvidence struct {
	MemberID      int64     `json:"member_id"`
	MemberMasked  string    `json:"member_masked"`
	DepartmentID  int64     `json:"department_id"`
	Department    string    `json:"department_name"`
	Item          Item      `json:"item"`
	Records       []Record  `json:"records"`
	AsOf          Date      `json:"as_of"`
	ReceivedAt    time.Time `json:"received_at"`
	PayloadSHA256 string    `json:"payload_sha256"`
}

// WarningFilter selects warnings in the actor's scope. Kind keeps the
// warnings with at least one change of that kind.
type WarningFilter struct {
	RoundID  int64
	County   string
	Township string
	Kind     ChangeKind
	Status   WarningStatus
	Limit    int
	Offset   int
}

// ExitStatus is where a 清退 recommendation stands.
type ExitStatus string

const (
	ExitPending  ExitStatus = "pending"  // in the agency's inbox
	ExitApproved ExitStatus = "approved" // the household leaves the roll
	ExitRejected ExitStatus = "rejected" // the agency keeps the household
)

// ExitRecommendation is a verifier's recommendation to end a household's
// assistance (清退), sent to the agency of its county.
type ExitRecommendation struct {
	ID            int64      `json:"id"`
	WarningID     int64      `json:"warning_id"`
	RoundID       int64      `json:"round_id"`
	HouseholdID   int64      `json:"household_id"`
	County        string     `json:"county_code"`
	Number        string     `json:"number"`
	GapFen        Fen        `json:"gap_fen"`
	Reason        string     `json:"reason"`
	Status        ExitStatus `json:"status"`
	RecommendedBy string     `json:"recommended_by"`
	RecommendedAt time.Time  `json:"recommended_at"`
	DecidedBy     string     `json:"decided_by,omitempty"`
	DecidedAt     time.Time  `json:"decided_at"`
	DecisionNote  string     `json:"decision_note,omitempty"`
}

// ExitDecision is the agency's answer to a recommendation.
type ExitDecision struct {
	Approve bool   `json:"approve"`
	Note    string `json:"note"`
}

// RecheckCoverage is the plan's coverage figure for one county: persons
// on the roll, and those of them re-verified in the period.
type RecheckCoverage struct {
	County               string `json:"county_code"`
	Recipients           int    `json:"recipients"`
	Reverified           int    `json:"reverified"`
	Households           int    `json:"households"`
	ReverifiedHouseholds int    `json:"reverified_households"`
}

// Rechecks is the store's part of re-verification, for people: schedules,
// rounds and their progress, warnings and 清退. County verifiers work on
// their county, city verifiers on the city; agencies decide exits of their
// county. The workers' side is RecheckWork.
type Rechecks interface {
	RecheckSchedules(ctx context.Context, by Actor, county string) ([]RecheckSchedule, error)
	// PutRecheckSchedule stores a dated version (county verifiers for
	// their county, city verifiers and admins for any).
	PutRecheckSchedule(ctx context.Context, by Actor, s RecheckSchedule) (RecheckSchedule, error)
	// StartRound selects the households of the scope due on AsOf, lists
	// those without a valid letter as excluded, and splits the others into
	// parts for the workers, in one transaction.
	StartRound(ctx context.Context, by Actor, in NewRound) (Round, error)
	// PreviewRound counts what StartRound would select now, with the same
	// scope rules, writing nothing.
	PreviewRound(ctx context.Context, by Actor, in NewRound) (RoundPreview, error)
	Rounds(ctx context.Context, by Actor) ([]Round, error)
	RoundProgress(ctx context.Context, by Actor, roundID int64) (RoundProgress, error)
	RoundExcluded(ctx context.Context, by Actor, roundID int64) ([]RoundExclusion, error)
	// Warnings lists the warning list, largest gap first.
	Warnings(ctx context.Context, by Actor, f WarningFilter) (Page[RecheckWarning], error)
	// Warning opens one warning with its evidence (audited).
	Warning(ctx context.Context, by Actor, id int64) (RecheckWarning, error)
	DismissWarning(ctx context.Context, by Actor, id int64, note string) (RecheckWarning, error)
	// RecommendExit sends a 清退 recommendation to the agency inbox.
	RecommendExit(ctx context.Context, by Actor, warningID int64, reason string) (ExitRecommendation, error)
	// ExitRecommendations lists recommendations: an agency its county's, a
	// verifier those of his scope.
	ExitRecommendations(ctx context.Context, by Actor, status ExitStatus) ([]ExitRecommendation, error)
	// DecideExit is the agency's decision; approval takes the household
	// off the roll.
	DecideExit(ctx context.Context, by Actor, id int64, d ExitDecision) (ExitRecommendation, error)
	// RecheckCoverage counts per county the persons on the roll and those
	// re-verified by a round evaluated in [from, to].
	RecheckCoverage(ctx context.Context, by Actor, from, to Date) ([]RecheckCoverage, error)
}
