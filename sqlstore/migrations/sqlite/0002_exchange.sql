-- Information exchange: departments and their sharing agreements, queries
-- (which are also the outbox), the members each query asks about, answers
-- as immutable evidence, reminders, the quarterly escalation of cases to the
-- city centre, and the holiday calendar entered by administrators.
-- Conventions as in 0001: STRICT, TEXT times and dates, INTEGER booleans.
-- A query names its subjects by member id only: names and ID numbers stay
-- sealed in members. Answer records and escalation reasons are sealed.

CREATE TABLE departments (
    id                  INTEGER PRIMARY KEY,
    code                TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    level               TEXT NOT NULL CHECK (level IN ('city', 'county')),
    division_code       TEXT NOT NULL REFERENCES divisions (code),
    org_id              INTEGER NOT NULL REFERENCES organisations (id),
    -- Items are stored comma-separated: a short closed vocabulary.
    items               TEXT NOT NULL,
    channel             TEXT NOT NULL,
    reply_days          INTEGER NOT NULL CHECK (reply_days BETWEEN 1 AND 60),
    agreement_number    TEXT NOT NULL DEFAULT '',
    agreement_signed_on TEXT,
    agreement_from      TEXT,
    agreement_until     TEXT,
    endpoint            TEXT NOT NULL DEFAULT '',
    active              INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL
) STRICT;
CREATE INDEX departments_region ON departments (level, division_code);
CREATE INDEX departments_org ON departments (org_id);

CREATE TABLE escalation_batches (
    id          INTEGER PRIMARY KEY,
    city_code   TEXT NOT NULL,
    county_code TEXT NOT NULL REFERENCES divisions (code),
    year        INTEGER NOT NULL,
    quarter     INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    UNIQUE (county_code, year, quarter)
) STRICT;
CREATE INDEX escalation_batches_city ON escalation_batches (city_code);

ALTER TABLE applications ADD COLUMN needs_city INTEGER NOT NULL DEFAULT 0;
ALTER TABLE applications ADD COLUMN city_reason_enc TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN escalation_batch_id INTEGER REFERENCES escalation_batches (id);
CREATE INDEX applications_escalation ON applications (escalation_batch_id);
CREATE INDEX applications_needs_city ON applications (county_code) WHERE needs_city = 1 AND escalation_batch_id IS NULL;

-- One query per application and department. The id is time-sortable and
-- unguessable; departments echo it back.
CREATE TABLE queries (
    id              TEXT PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES applications (id),
    department_id   INTEGER NOT NULL REFERENCES departments (id),
    level           TEXT NOT NULL CHECK (level IN ('city', 'county')),
    items           TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'answered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    lease_until     TEXT,
    next_attempt_at TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    due_on          TEXT NOT NULL,
    answered_at     TEXT,
    reminded_at     TEXT,
    UNIQUE (application_id, department_id)
) STRICT;
CREATE INDEX queries_outbox ON queries (department_id, status, created_at);
CREATE INDEX queries_open ON queries (status, due_on);

CREATE TABLE query_subjects (
    query_id  TEXT NOT NULL REFERENCES queries (id),
    ref       TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    member_id INTEGER NOT NULL REFERENCES members (id),
    PRIMARY KEY (query_id, ref),
    UNIQUE (query_id, member_id)
) STRICT;
CREATE INDEX query_subjects_member ON query_subjects (member_id);

-- Answers are evidence: never updated. An identical answer recorded again
-- is the same row; a different later answer is a new row and the current one.
CREATE TABLE answers (
    id             INTEGER PRIMARY KEY,
    query_id       TEXT NOT NULL REFERENCES queries (id),
    department_id  INTEGER NOT NULL REFERENCES departments (id),
    application_id INTEGER NOT NULL REFERENCES applications (id),
    member_id      INTEGER NOT NULL REFERENCES members (id),
    subject_ref    TEXT NOT NULL,
    item           TEXT NOT NULL,
    no_record      INTEGER NOT NULL,
    records_enc    TEXT NOT NULL DEFAULT '',
    as_of          TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    channel        TEXT NOT NULL,
    source         TEXT NOT NULL DEFAULT '',
    payload_sha256 TEXT NOT NULL,
    UNIQUE (query_id, member_id, item, payload_sha256)
) STRICT;
CREATE INDEX answers_application ON answers (application_id, id);
CREATE INDEX answers_department ON answers (department_id, received_at);

CREATE TABLE reminders (
    query_id   TEXT NOT NULL REFERENCES queries (id),
    day        TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (query_id, day)
) STRICT;

-- A stored year replaces the compiled-in official calendar for that year.
-- year is the notice's year; a notice may list late-December days of the
-- year before.
CREATE TABLE holidays (
    year    INTEGER NOT NULL,
    day     TEXT NOT NULL,
    workday INTEGER NOT NULL,
    name    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (year, day)
) STRICT;
