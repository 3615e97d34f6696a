package sqlstore

import (
	"fmt"
	"sync"
	"testing"

	"hedui"
)

// TestRollConcurrentImports: two imports at the same moment, each adding
// a household with the same person, put that person on the roll once;
// the later import reports the household as taken. Imports of one county
// queue on the county's lock, those of two counties only on the check of
// their people (rejectTaken) and what follows it; both pairs are tried.
func TestRollConcurrentImports(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		// The scheduler decides the overlap; several tries give the two
		// transactions several chances to interleave.
		for try := range 6 {
			a, b := e.rollHousehold(100+2*try, 2), e.rollHousehold(101+2*try, 1)
			b.Members[0] = a.Members[1] // the same person in both files
			b.Members[0].Relationship = hedui.RelHead
			ups := []hedui.RollUpload{
				rollUpload(hedui.RollIncremental, fmt.Sprintf("sha-%d-a", try), a),
				rollUpload(hedui.RollIncremental, fmt.Sprintf("sha-%d-b", try), b),
			}
			if try%2 == 1 { // b in 庆城县
				ups[1].County, ups[1].Households[0].County, ups[1].Households[0].Region = "621021", "621021", townQingc+"001"
			}
			var reps [2]hedui.RollImport
			var errs [2]error
			var wg sync.WaitGroup
			ready := make(chan struct{})
			for i, up := range ups {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-ready
					reps[i], errs[i] = e.db.ImportRoll(e.ctx, e.city, up)
				}()
			}
			close(ready)
			wg.Wait()
			for i := range 2 {
				must(t, errs[i])
			}
			if added := reps[0].Added + reps[1].Added; added != 1 || len(reps[0].Problems)+len(reps[1].Problems) != 1 {
				t.Fatalf("try %d: %s / %s; want one household added and one refused", try, counts(reps[0]), counts(reps[1]))
			}
			idx := e.db.kr.BlindIndex(a.Members[1].IDNumber)
			if n := e.countWhere(`SELECT COUNT(*) FROM roll_members m JOIN roll_households h ON h.id = m.roll_household_id
				WHERE m.id_index = $1 AND m.status = 'active' AND h.status = 'active'`, idx); n != 1 {
				t.Fatalf("try %d: the person is on %d households of the roll", try, n)
			}
		}
	})
}
