package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"hedui"
)

// TouchSession enforces an idle timeout. A session whose last use is idle
// or more before now is deleted and refused; otherwise its last use moves
// to now when it is at least hedui.SessionTouchEvery old, so that a
// session in steady use costs one small write a minute, not one per page.
// The idle check therefore errs by at most SessionTouchEvery on the
// generous side. An unknown session is refused like an idle one would be,
// with its own code; idle <= 0 only records the use.
func (db *DB) TouchSession(ctx context.Context, tokenHash []byte, now time.Time, idle time.Duration) error {
	const op = "sqlstore.TouchSession"
	var last time.Time
	err := db.db.QueryRowContext(ctx, `SELECT COALESCE(last_seen_at, created_at) FROM sessions WHERE token_hash = $1`, tokenHash).
		Scan(timeCol{&last})
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return hedui.Errorf(op, hedui.KindUnauthenticated, "no_session", "登录已失效，请重新登录")
	case err != nil:
		return wrapDB(op, err)
	}
	if idle > 0 && now.Sub(last) >= idle {
		if _, err := db.db.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash); err != nil {
			return wrapDB(op, err)
		}
		return hedui.Errorf(op, hedui.KindUnauthenticated, "session_idle", "因长时间未操作，已自动退出，请重新登录")
	}
	if now.Sub(last) < hedui.SessionTouchEvery {
		return nil
	}
	_, err = db.db.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2`, db.d.ts(now), tokenHash)
	return wrapDB(op, err)
}
