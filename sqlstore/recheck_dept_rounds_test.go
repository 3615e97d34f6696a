package sqlstore

import (
	"testing"

	"hedui"
)

// TestRecheckDepartmentRoundsByChannel: a liaison's page lists a round
// for his department when it answers rounds by file (batch file, manual),
// not when it is answered in process (online, simulator).
func TestRecheckDepartmentRoundsByChannel(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.recheckFixture(5, true)
		r := f.startRound(today)
		drain(t, f, f.worker("a"))
		finance := f.depts[1]
		liaison := e.liaisonOf(finance, "finance1")
		for _, tt := range []struct {
			channel hedui.Channel
			listed  bool
		}{
			{hedui.ChannelBatchFile, true},
			{hedui.ChannelManual, true},
			{hedui.ChannelOnline, false},
			{hedui.ChannelSimulator, false},
		} {
			t.Run(string(tt.channel), func(t *testing.T) {
				_, err := e.db.db.ExecContext(e.ctx, `UPDATE departments SET channel = $1 WHERE id = $2`, string(tt.channel), finance.ID)
				must(t, err)
				rounds, err := e.db.DepartmentRounds(e.ctx, liaison)
				must(t, err)
				listed := len(rounds) == 1 && rounds[0].Round.ID == r.ID && rounds[0].Counts.DepartmentID == finance.ID &&
					rounds[0].Counts.Dispatched == 4
				if listed != tt.listed || (!tt.listed && len(rounds) > 0) {
					t.Fatalf("rounds = %+v, want listed %v", rounds, tt.listed)
				}
			})
		}
		// The police, on the simulator channel, answered in process: its
		// liaison has no file to exchange.
		rounds, err := e.db.DepartmentRounds(e.ctx, e.liaisonOf(f.depts[0], "police1"))
		if err != nil || len(rounds) != 0 {
			t.Fatalf("the police liaison's rounds = %+v, %v", rounds, err)
		}
	})
}
