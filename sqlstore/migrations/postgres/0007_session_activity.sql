-- Idle timeout (issue #6.4): when a session was last used, so that the web
-- pages can end a session left alone for longer than their idle timeout.
-- Written at most once a minute (hedui.SessionTouchEvery), not on every
-- request.
ALTER TABLE sessions ADD COLUMN last_seen_at TIMESTAMPTZ;
UPDATE sessions SET last_seen_at = created_at;
ALTER TABLE sessions ALTER COLUMN last_seen_at SET NOT NULL;
