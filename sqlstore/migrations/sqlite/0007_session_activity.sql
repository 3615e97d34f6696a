-- Idle timeout (issue #6.4): when a session was last used, so that the web
-- pages can end a session left alone for longer than their idle timeout.
-- Written at most once a minute (hedui.SessionTouchEvery), not on every
-- request. NULL on rows from before this migration reads as created_at;
-- SQLite cannot add a NOT NULL column without a constant default.
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
UPDATE sessions SET last_seen_at = created_at;
