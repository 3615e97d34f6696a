package sqlstore

import (
	"context"
	"slices"
)

// partsToClose returns the parts among ids that the save closes: all but
// those holding a household of retry, whose query a department did not
// take. Those stay running under the lease of the claim, as a dead node's
// parts do, and are claimed again when it runs out, which asks the
// household's department again after a pause of one lease. Closing them
// instead would leave a part whose only missing query was never saved in
// waiting, which nothing wakes.
func (db *DB) partsToClose(ctx context.Context, tx *bulkTx, op string, round int64, ids, retry []int64,
	owned map[int64]string) ([]int64, error) {
	if len(retry) == 0 {
		return ids, nil
	}
	for _, hh := range retry {
		if _, ok := owned[hh]; !ok {
			return nil, notInParts(op, hh)
		}
	}
	var a args
	a.add(round)
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT part_id FROM recheck_households
		WHERE round_id = $1 AND household_id IN `+in(&a, retry), a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	held := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		held[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return held[id] }), nil
}
