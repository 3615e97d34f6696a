package hedui

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// The workers' side of re-verification. A round is split into parts of a
// fixed number of households. A node claims parts under a lease kept in the
// database, reads what it needs for them in one go, asks the departments it
// can reach in process, evaluates the households whose answers are all in,
// and saves everything for its parts in one transaction that first checks
// the lease once. A node that dies loses its lease and another takes the
// part over; since nothing of a part is written before that transaction,
// a restart loses or duplicates nothing. Departments reached by file or by
// a person, and online departments that answer by callback, answer later:
// their queries are saved, the part waits, and the answers recorded for it
// make it claimable again.

// PartStatus is where a part of a round stands.
type PartStatus string

const (
	PartPending PartStatus = "pending" // not worked on yet
	PartRunning PartStatus = "running" // claimed by a node under a lease
	PartWaiting PartStatus = "waiting" // asked; answers owed by departments outside the process
	PartReady   PartStatus = "ready"   // answers arrived for a waiting part
	PartDone    PartStatus = "done"    // every household evaluated
)

// RecheckPart is one slice of a round's households.
type RecheckPart struct {
	ID         int64      `json:"id"`
	RoundID    int64      `json:"round_id"`
	Seq        int        `json:"seq"`
	Households int        `json:"households"`
	Status     PartStatus `json:"status"`
	Node       string     `json:"node"`
	LeaseUntil time.Time  `json:"lease_until"`
}

// RecheckBaseline is what a household's answers are compared with: the
// previous round's result, or for a first re-verification what the roll
// records (its income; assets found the first time become the baseline
// rather than changes).
type RecheckBaseline struct {
	RoundID    int64 `json:"round_id"` // 0: the roll
	IncomeFen  Fen   `json:"income_fen"`
	Vehicles   int   `json:"vehicles"`
	Homes      int   `json:"homes"`
	Businesses int   `json:"businesses"`
	Employed   int   `json:"employed"` // members with a payroll or a salary
	Deceased   int   `json:"deceased"`
}

// RecheckHousehold is one household of a part as the worker sees it.
type RecheckHousehold struct {
	Roll     RollHousehold   `json:"roll"` // members opened, with their IDs
	Baseline RecheckBaseline `json:"baseline"`
	// Asked lists the departments already queried in this round, and
	// Answers what they have answered so far (a resumed or waiting part).
	Asked   []int64  `json:"asked"`
	Answers []Answer `json:"answers"`
	// Evaluated is set when this round already has its result.
	Evaluated bool `json:"evaluated"`
}

// RecheckInput is what a node needs to work on its parts.
type RecheckInput struct {
	Round       Round                      `json:"round"`
	Parts       []RecheckPart              `json:"parts"`
	Households  []RecheckHousehold         `json:"households"`
	Departments map[string][]Department    `json:"departments"` // by county: the county's and the city's, agreement in force
	Policies    map[string]Policy          `json:"policies"`    // by PolicyKey
	Schedules   map[string]RecheckSchedule `json:"schedules"`   // by ScheduleKey
}

// PolicyKey names a county's policy for a hukou type in RecheckInput.
func PolicyKey(county string, h HukouType) string { return county + "/" + string(h) }

// ScheduleKey names a county's schedule for a category in RecheckInput.
func ScheduleKey(county string, c Category) string { return county + "/" + string(c) }

// RecheckQuery is one query of a round: one household, one department.
type RecheckQuery struct {
	ID           string `json:"id"`
	RoundID      int64  `json:"round_id"`
	HouseholdID  int64  `json:"household_id"`
	DepartmentID int64  `json:"department_id"`
	Subjects     int    `json:"subjects"`
	Items        []Item `json:"items"`
	// AnsweredAt is set when every subject × item has been answered.
	AnsweredAt time.Time `json:"answered_at"`
	// Refusal is why the department refused the query for good (a 4xx,
	// an unusable endpoint, a signature that does not verify), ID numbers
	// masked; the query then waits for an answer file. Empty: not refused.
	Refusal string `json:"refusal,omitempty"`
}

// RecheckQueryID is the stable ID of the query to one department about
// one household in one round; departments echo it back.
func RecheckQueryID(round, household, dept int64) string {
	b := make([]byte, 0, 32)
	b = append(b, 'R')
	b = strconv.AppendInt(b, round, 10)
	b = append(b, '-')
	b = strconv.AppendInt(b, household, 10)
	b = append(b, '-')
	b = strconv.AppendInt(b, dept, 10)
	return string(b)
}

// RecheckSubjectRef is the reference of a member in a round's query: the
// query ID and the roll member's id, so that an answer names its member
// without an ID number.
func RecheckSubjectRef(queryID string, memberID int64) string {
	return queryID + "-" + strconv.FormatInt(memberID, 10)
}

// ParseRecheckQueryID reverses RecheckQueryID.
func ParseRecheckQueryID(id string) (round, household, dept int64, ok bool) {
	rest, found := strings.CutPrefix(id, "R")
	if !found {
		return 0, 0, 0, false
	}
	var n [3]int64
	for i := range n {
		part := rest
		if i < 2 {
			if part, rest, found = strings.Cut(rest, "-"); !found {
				return 0, 0, 0, false
			}
		}
		v, err := strconv.ParseInt(part, 10, 64)
		if err != nil || v <= 0 || strconv.FormatInt(v, 10) != part {
			return 0, 0, 0, false
		}
		n[i] = v
	}
	return n[0], n[1], n[2], true
}

// RecheckResult is a household's evaluation in a round: the next round's
// baseline, and its warning if anything changed.
type RecheckResult struct {
	HouseholdID  int64           `json:"household_id"`
	Members      int             `json:"members"` // of the 共同生活家庭, living
	Found        RecheckBaseline `json:"found"`
	PerCapitaFen Fen             `json:"per_capita_fen"`
	StandardFen  Fen             `json:"standard_fen"`
	Warning      *RecheckWarning `json:"warning,omitempty"`
}

// RecheckOutput is what a node saves for its parts in one transaction:
// new queries and answers, and the households evaluated.
type RecheckOutput struct {
	Queries []RecheckQuery  `json:"queries"`
	Answers []Answer        `json:"answers"`
	Results []RecheckResult `json:"results"`
	// Retry lists households with a query the department did not take
	// (network down, retries spent). Such a query is not saved, so that
	// it is asked again; the parts holding these households stay claimed
	// until their lease runs out and are then claimed again, as a dead
	// node's are, which spaces the attempts by a lease.
	Retry []int64 `json:"retry,omitempty"`
}

// RecheckWork is the store's side of the workers.
type RecheckWork interface {
	// ClaimRecheckParts leases up to max parts of running rounds to node:
	// pending or ready ones, or running ones whose lease has expired.
	ClaimRecheckParts(ctx context.Context, node string, max int, lease time.Duration) ([]RecheckPart, error)
	// RecheckInput reads what working on the parts needs, in one go.
	RecheckInput(ctx context.Context, parts []RecheckPart) (RecheckInput, error)
	// SaveRecheckParts stores out in one transaction if node still holds
	// the leases (else KindConflict, and nothing is written). A part whose
	// households are all evaluated is done; the others wait for answers.
	SaveRecheckParts(ctx context.Context, node string, parts []RecheckPart, out RecheckOutput) error

	// RecheckQuery is one saved query of a round with its subjects'
	// references and member ids but no names or ID numbers: what a
	// department's callback is checked against. KindNotFound until the
	// worker's save has stored it.
	RecheckQuery(ctx context.Context, by Actor, id string) (Query, error)
	// RecheckRequests lists a round's queries to one department, with
	// their subjects: the content of the round's single request file.
	RecheckRequests(ctx context.Context, by Actor, roundID, deptID int64) ([]Query, error)
	// RecordRecheckAnswers stores a department's answers to a round (its
	// answer file) and makes their waiting parts ready.
	RecordRecheckAnswers(ctx context.Context, by Actor, roundID, deptID int64, answers []Answer) (IngestReport, error)
	// DepartmentRounds lists, for a liaison, the running rounds that sent
	// queries to his departments, with how many are answered: the rounds
	// whose request files he has to answer.
	DepartmentRounds(ctx context.Context, by Actor) ([]DepartmentRound, error)
}

// DepartmentRound is a running round's queries to one department.
type DepartmentRound struct {
	Round  Round       `json:"round"`
	Counts RoundCounts `json:"counts"` // Evaluated is not counted here
}
