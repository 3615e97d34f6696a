package sqlstore

import (
	"testing"
	"time"

	"hedui"
)

// TestTouchSession: use within the idle timeout keeps a session alive and
// is written at most once per hedui.SessionTouchEvery; a session left
// alone for the timeout is refused and deleted.
func TestTouchSession(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		token := []byte("idle-session-token-0123456789abc")
		must(t, e.db.CreateSession(e.ctx, hedui.Session{TokenHash: token, UserID: e.clerk.UserID, CreatedAt: start,
			ExpiresAt: start.Add(8 * time.Hour)}))
		lastSeen := func() time.Time {
			t.Helper()
			var last time.Time
			must(t, e.db.db.QueryRowContext(e.ctx, `SELECT last_seen_at FROM sessions WHERE token_hash = $1`, token).Scan(timeCol{&last}))
			return last
		}
		const idle = 30 * time.Minute
		if got := lastSeen(); !got.Equal(start) {
			t.Fatalf("new session last seen %v, want %v", got, start)
		}
		for _, tc := range []struct {
			after time.Duration // since start
			want  time.Duration // last seen, since start
		}{
			{20 * time.Second, 0},                  // within a minute: not written
			{hedui.SessionTouchEvery, time.Minute}, // a minute on: written
			{29 * time.Minute, 29 * time.Minute},   // 28 minutes idle: still alive
			{58 * time.Minute, 58 * time.Minute},   // 29 minutes idle: still alive
		} {
			must(t, e.db.TouchSession(e.ctx, token, start.Add(tc.after), idle))
			if got := lastSeen(); !got.Equal(start.Add(tc.want)) {
				t.Fatalf("after %v: last seen %v, want %v", tc.after, got.Sub(start), tc.want)
			}
		}
		err := e.db.TouchSession(e.ctx, token, start.Add(88*time.Minute), idle)
		wantKind(t, err, hedui.KindUnauthenticated)
		if hedui.CodeOf(err) != "session_idle" {
			t.Fatalf("code %q", hedui.CodeOf(err))
		}
		_, err = e.db.SessionActor(e.ctx, token, start.Add(89*time.Minute))
		wantKind(t, err, hedui.KindUnauthenticated) // deleted
		err = e.db.TouchSession(e.ctx, []byte("unknown"), start, idle)
		wantKind(t, err, hedui.KindUnauthenticated)
	})
}
