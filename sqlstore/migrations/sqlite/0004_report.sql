-- Reports, the assistance agencies' decisions, objections and webhooks.
-- Conventions as in 0001: STRICT, TEXT times and dates, INTEGER booleans.
--
-- A report belongs to a chain: the first application of an objection
-- chain. A re-check opened by an objection records the case it re-checks
-- (objection_of) and the chain's first application (chain_id; NULL on a
-- case that is not a re-check, whose chain is itself). Versions count per
-- chain; one version per chain is current.
--
-- Reports are immutable: triggers refuse every change except the current
-- flag going from 1 to 0 and the print count going up, and refuse deletes.
-- The content (names, ID numbers, answers) and the PDF are sealed; the
-- outcome columns beside them are what the agency's inbox lists.

ALTER TABLE applications ADD COLUMN objection_of INTEGER REFERENCES applications (id);
ALTER TABLE applications ADD COLUMN chain_id INTEGER REFERENCES applications (id);
CREATE INDEX applications_chain ON applications (chain_id) WHERE chain_id IS NOT NULL;

CREATE TABLE reports (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES applications (id),
    chain_id        INTEGER NOT NULL REFERENCES applications (id),
    version         INTEGER NOT NULL CHECK (version >= 1),
    replaces        INTEGER REFERENCES reports (id),
    is_current      INTEGER NOT NULL,
    number          TEXT NOT NULL UNIQUE,
    county_code     TEXT NOT NULL,
    year            INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    issued_on       TEXT NOT NULL,
    objection_days  INTEGER NOT NULL,
    objection_until TEXT NOT NULL,
    centre          TEXT NOT NULL,
    conclusion_id   INTEGER NOT NULL REFERENCES conclusions (id),
    overall         TEXT NOT NULL,
    category        TEXT NOT NULL DEFAULT '',
    benefit_fen     INTEGER NOT NULL DEFAULT 0,
    content_enc     TEXT NOT NULL,
    pdf_enc         TEXT NOT NULL,
    pdf_size        INTEGER NOT NULL,
    sha256          TEXT NOT NULL UNIQUE,
    code            TEXT NOT NULL UNIQUE,
    prints          INTEGER NOT NULL DEFAULT 0,
    user_id         INTEGER NOT NULL DEFAULT 0,
    username        TEXT NOT NULL,
    issued_at       TEXT NOT NULL,
    UNIQUE (chain_id, version),
    UNIQUE (county_code, year, seq)
) STRICT;
CREATE INDEX reports_application ON reports (application_id);
CREATE UNIQUE INDEX reports_one_current ON reports (chain_id) WHERE is_current = 1;

CREATE TRIGGER reports_immutable BEFORE UPDATE OF id, application_id, chain_id, version, replaces, number,
    county_code, year, seq, issued_on, objection_days, objection_until, centre, conclusion_id, overall, category,
    benefit_fen, content_enc, pdf_enc, pdf_size, sha256, code, user_id, username, issued_at ON reports
BEGIN
    SELECT RAISE(ABORT, 'reports are immutable');
END;
CREATE TRIGGER reports_current_only_ends BEFORE UPDATE OF is_current ON reports
    WHEN NEW.is_current <> 0 AND OLD.is_current = 0
BEGIN
    SELECT RAISE(ABORT, 'a replaced report cannot become current again');
END;
CREATE TRIGGER reports_prints_only_grow BEFORE UPDATE OF prints ON reports
    WHEN NEW.prints < OLD.prints
BEGIN
    SELECT RAISE(ABORT, 'a print count cannot go down');
END;
CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports
BEGIN
    SELECT RAISE(ABORT, 'reports are immutable');
END;

-- One decision per case: it closes the case.
CREATE TABLE agency_decisions (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL UNIQUE REFERENCES applications (id),
    report_id      INTEGER NOT NULL REFERENCES reports (id),
    decision       TEXT NOT NULL CHECK (decision IN ('approve', 'reject', 'stop')),
    removal        INTEGER NOT NULL DEFAULT 0,
    note_enc       TEXT NOT NULL DEFAULT '',
    org_id         INTEGER NOT NULL DEFAULT 0,
    user_id        INTEGER NOT NULL DEFAULT 0,
    username       TEXT NOT NULL,
    decided_at     TEXT NOT NULL
) STRICT;
CREATE INDEX agency_decisions_report ON agency_decisions (report_id);

-- One objection per case: it leaves reported for objected.
CREATE TABLE objections (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL UNIQUE REFERENCES applications (id),
    report_id      INTEGER NOT NULL REFERENCES reports (id),
    recheck_id     INTEGER NOT NULL UNIQUE REFERENCES applications (id),
    -- Department ids, comma-separated: the re-check's dispatch asks these only.
    department_ids TEXT NOT NULL,
    objector       TEXT NOT NULL CHECK (objector IN ('agency', 'family')),
    reason_enc     TEXT NOT NULL,
    org_id         INTEGER NOT NULL DEFAULT 0,
    user_id        INTEGER NOT NULL DEFAULT 0,
    username       TEXT NOT NULL,
    created_at     TEXT NOT NULL
) STRICT;

CREATE TABLE webhooks (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES organisations (id),
    url        TEXT NOT NULL,
    secret_enc TEXT NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1,
    user_id    INTEGER NOT NULL DEFAULT 0,
    username   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (org_id, url)
) STRICT;

-- The outbox of notifications, filled in the transaction that issues the
-- report. The payload holds no personal data.
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    webhook_id      INTEGER NOT NULL REFERENCES webhooks (id),
    report_id       INTEGER NOT NULL REFERENCES reports (id),
    event           TEXT NOT NULL,
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_until     TEXT,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    delivered_at    TEXT,
    UNIQUE (webhook_id, report_id, event)
) STRICT;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
