package hedui

import "context"

// Oversight is the city centre's view over its counties (#6.1): what each
// county holds and how fast it concludes, aggregated in the store so that
// a city of many thousand cases is one query, not a scan in the caller.
type Oversight interface {
	// CountyOversight returns one row per county in the actor's view — a
	// city verifier's counties, a county verifier's own county, the
	// system's every county — with its queries overdue on day.
	CountyOversight(ctx context.Context, by Actor, day Date) ([]CountyOversight, error)
}

// CountyOversight is one county's line of the oversight table.
type CountyOversight struct {
	County   string         `json:"county_code"`
	Name     string         `json:"county_name"`
	ByStatus map[Status]int `json:"by_status"` // applications per status; absent statuses are zero
	Total    int            `json:"total"`
	// OverdueQueries counts department queries still owed past their due
	// date; OverdueCases the cases with at least one.
	OverdueQueries int `json:"overdue_queries"`
	OverdueCases   int `json:"overdue_cases"`
	Flagged        int `json:"flagged"`   // marked 需市级协查, not yet sent up
	Escalated      int `json:"escalated"` // in a quarterly batch
	Concluded      int `json:"concluded"` // with at least one conclusion
	// AvgDaysToConclusion is the mean time from registration to the first
	// conclusion over the concluded cases, in days; 0 when there are none.
	AvgDaysToConclusion float64 `json:"avg_days_to_conclusion"`
}
