// Package recheck does the work of re-verification rounds (复核轮次): a
// Worker claims parts of running rounds from the store, asks the
// departments about their households in bulk, evaluates each household
// whose answers are all in, and saves the lot in one transaction per
// claim.
//
// # Distributed and resumable
//
// Parts are claimed under a lease held in the database (hedui.RecheckWork).
// Nothing of a part is written before the save, which checks the leases
// once and fails whole if another node has taken a part over; so a node
// killed half-way loses only its unsaved work, which the next node redoes,
// and every query, answer and result is stored exactly once (the store's
// unique keys make a double save fail rather than duplicate). Departments
// reached from the process (the simulator, the online interface) are
// asked by their exchange.Adapter, once per claim for all its households;
// the others get their queries saved, the part waits, and the answers
// recorded later (one answer file per department and round, or an online
// department's callbacks) make it ready for a worker again. A query the
// adapter could not deliver is not saved: its household stays
// unevaluated and its part claimed (RecheckOutput.Retry) until the lease
// runs out, when the next claim asks it again. A query refused for good
// is saved and logged, and waits for an answer file.
//
// # Baseline and change detection
//
// Each household's answers go through the rules package's comparison
// (rules.Compute) with an empty declaration, under the county's policy in
// force on the round's day, which gives what the departments found: the
// household's counted monthly income, per-capita income against the 低保
// standard, vehicles, homes, registered businesses, members on a payroll
// or with wages, deaths. That is compared with the baseline:
//
//   - after an earlier round, that round's findings: a vehicle, home,
//     business or employed member more than last time is a change;
//   - on a household's first re-verification, what the roll records: its
//     monthly income. The roll records no assets, so assets found the first
//     time become the baseline and are not reported as new.
//
// In both cases a member registered dead, a per-capita income above the
// standard, and an income rise over the schedule's thresholds (percentage
// and minimum, hedui.RecheckSchedule) are changes. Each change carries its
// gap in fen, so that the warning list ranks by money at stake: income
// over the line or over the baseline for a year, a new asset's recorded
// value (at least a year of the household's benefit), a year of a dead
// member's share of the benefit. Each change names the answer rows behind
// it (member × item), which the store shows as evidence.
package recheck
