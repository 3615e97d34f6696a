package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"hedui"
)

// completePurpose is the purpose recorded when the system closes a case's
// verification because every department has answered.
const completePurpose = "信息核对：部门反馈齐全"

type answeredKey struct {
	member int64
	item   hedui.Item
}

// completeQueries marks answered those open queries of touched whose every
// subject × item now has an answer, and returns their applications.
func (db *DB) completeQueries(ctx context.Context, tx *sql.Tx, touched map[string]*ingestQuery, now time.Time) ([]int64, error) {
	ids := make([]string, 0, len(touched))
	for id, q := range touched {
		if q.status == qPending || q.status == qSent {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	have := map[string]map[answeredKey]bool{}
	for chunk := range slices.Chunk(ids, maxInList) {
		var a args
		rows, err := tx.QueryContext(ctx, `SELECT query_id, member_id, item FROM answers WHERE query_id IN `+in(&a, chunk)+`
			GROUP BY query_id, member_id, item`, a...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var qid string
			var k answeredKey
			if err := rows.Scan(&qid, &k.member, &k.item); err != nil {
				rows.Close()
				return nil, err
			}
			if have[qid] == nil {
				have[qid] = map[answeredKey]bool{}
			}
			have[qid][k] = true
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, err
		}
	}
	var apps []int64
	for _, id := range ids {
		q := touched[id]
		if !allAnswered(q, have[id]) {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE queries SET status = $1, answered_at = $2, lease_until = NULL WHERE id = $3`,
			qAnswered, db.d.ts(now), id); err != nil {
			return nil, err
		}
		q.status = qAnswered
		apps = append(apps, q.appID)
	}
	slices.Sort(apps)
	return slices.Compact(apps), nil
}

func allAnswered(q *ingestQuery, have map[answeredKey]bool) bool {
	for _, member := range q.members {
		for _, it := range q.items {
			if !have[answeredKey{member, it}] {
				return false
			}
		}
	}
	return true
}

// completeApps moves each verifying application whose every query is
// answered to verified, as the system, and returns those it moved. The
// application row is locked first, so that of two ingests finishing a
// case's last two queries at once, the later one sees both answered.
func (db *DB) completeApps(ctx context.Context, tx *sql.Tx, appIDs []int64, now time.Time) ([]int64, error) {
	done := []int64{}
	sys := hedui.SystemActor(completePurpose)
	for _, id := range appIDs {
		var status hedui.Status
		if err := tx.QueryRowContext(ctx, `SELECT status FROM applications WHERE id = $1`+db.d.forUpdate(""), id).Scan(&status); err != nil {
			return nil, err
		}
		if status != hedui.StatusVerifying {
			continue
		}
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM queries WHERE application_id = $1 AND status <> $2`,
			id, qAnswered).Scan(&open); err != nil {
			return nil, err
		}
		if open > 0 {
			continue
		}
		rule, err := hedui.FindRule(status, hedui.ActComplete, sys.Role)
		if err != nil {
			return nil, err
		}
		if err := db.recordTransition(ctx, tx, sys, id, status, rule.To, rule.Action, "", now); err != nil {
			return nil, err
		}
		if err := db.appendAudit(ctx, tx, sys, appEvent(hedui.AuditAppTransition, id,
			rule.Action.Label()+"："+status.Label()+" → "+rule.To.Label()+"（各部门均已反馈）")); err != nil {
			return nil, err
		}
		done = append(done, id)
	}
	return done, nil
}
