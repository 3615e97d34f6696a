-- Re-verification rounds (复核轮次) of the rolls. Conventions as in 0001.
-- Work is split into parts claimed under a lease (claimed_by, lease_until);
-- queries, answers and results are keyed by (round, household, department)
-- so that a part saved twice fails instead of duplicating anything.

CREATE TABLE recheck_schedules (
    county_code         TEXT NOT NULL REFERENCES divisions (code),
    category            TEXT NOT NULL CHECK (category IN ('dibao', 'tekun')),
    valid_from          TEXT NOT NULL,
    stable_months       INTEGER NOT NULL CHECK (stable_months > 0),
    other_months        INTEGER NOT NULL CHECK (other_months > 0),
    income_rise_bp      INTEGER NOT NULL CHECK (income_rise_bp >= 0),
    income_rise_min_fen INTEGER NOT NULL CHECK (income_rise_min_fen >= 0),
    example             INTEGER NOT NULL,
    note                TEXT NOT NULL DEFAULT '',
    created_by          TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    PRIMARY KEY (county_code, category, valid_from)
) STRICT;

CREATE TABLE recheck_rounds (
    id          INTEGER PRIMARY KEY,
    scope_code  TEXT NOT NULL REFERENCES divisions (code),
    as_of       TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('running', 'finished')),
    households  INTEGER NOT NULL,
    excluded    INTEGER NOT NULL,
    parts       INTEGER NOT NULL,
    parts_done  INTEGER NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    finished_at TEXT
) STRICT;

CREATE TABLE recheck_parts (
    id          INTEGER PRIMARY KEY,
    round_id    INTEGER NOT NULL REFERENCES recheck_rounds (id),
    seq         INTEGER NOT NULL,
    households  INTEGER NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'running', 'waiting', 'ready', 'done')),
    claimed_by  TEXT NOT NULL DEFAULT '',
    lease_until TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (round_id, seq)
) STRICT;
-- Claims look only at unfinished parts: done ones are never rescanned.
CREATE INDEX recheck_parts_claim ON recheck_parts (status, lease_until, id);

CREATE TABLE recheck_households (
    round_id     INTEGER NOT NULL REFERENCES recheck_rounds (id),
    household_id INTEGER NOT NULL REFERENCES roll_households (id),
    part_id      INTEGER NOT NULL REFERENCES recheck_parts (id),
    county_code  TEXT NOT NULL,
    PRIMARY KEY (round_id, household_id)
) STRICT;
CREATE INDEX recheck_households_part ON recheck_households (part_id);

CREATE TABLE recheck_excluded (
    round_id     INTEGER NOT NULL REFERENCES recheck_rounds (id),
    household_id INTEGER NOT NULL REFERENCES roll_households (id),
    county_code  TEXT NOT NULL,
    reason       TEXT NOT NULL,
    PRIMARY KEY (round_id, household_id)
) STRICT;

CREATE TABLE recheck_queries (
    id            TEXT PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES recheck_rounds (id),
    household_id  INTEGER NOT NULL,
    department_id INTEGER NOT NULL REFERENCES departments (id),
    subjects      INTEGER NOT NULL,
    items         TEXT NOT NULL,
    -- subjects × items: the answer rows owed; answered_at is set when
    -- they are all in.
    expected      INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    answered_at   TEXT,
    UNIQUE (round_id, household_id, department_id)
) STRICT;
CREATE INDEX recheck_queries_department ON recheck_queries (round_id, department_id);

-- One row per query: a department's answers about every member of one
-- household, packed as a sealed JSON array. A city round has millions of
-- member × item answers; storing them per query keeps the row count to
-- households × departments, the unit they are asked, evaluated and shown
-- in (the evidence of a warning is its household's rows).
CREATE TABLE recheck_answers (
    round_id      INTEGER NOT NULL,
    household_id  INTEGER NOT NULL,
    department_id INTEGER NOT NULL,
    answers       INTEGER NOT NULL,
    payload_enc   TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    PRIMARY KEY (round_id, household_id, department_id)
) STRICT;

CREATE TABLE recheck_results (
    round_id       INTEGER NOT NULL REFERENCES recheck_rounds (id),
    household_id   INTEGER NOT NULL,
    county_code    TEXT NOT NULL,
    as_of          TEXT NOT NULL,
    members        INTEGER NOT NULL,
    income_fen     INTEGER NOT NULL,
    per_capita_fen INTEGER NOT NULL,
    standard_fen   INTEGER NOT NULL,
    vehicles       INTEGER NOT NULL,
    homes          INTEGER NOT NULL,
    businesses     INTEGER NOT NULL,
    employed       INTEGER NOT NULL,
    deceased       INTEGER NOT NULL,
    evaluated_at   TEXT NOT NULL,
    PRIMARY KEY (round_id, household_id)
) STRICT;
CREATE INDEX recheck_results_household ON recheck_results (household_id, as_of);
CREATE INDEX recheck_results_evaluated ON recheck_results (evaluated_at);

CREATE TABLE recheck_warnings (
    id           INTEGER PRIMARY KEY,
    round_id     INTEGER NOT NULL REFERENCES recheck_rounds (id),
    household_id INTEGER NOT NULL,
    county_code  TEXT NOT NULL,
    gap_fen      INTEGER NOT NULL,
    -- []hedui.Change as JSON: kinds, member ids, amounts and answer keys,
    -- never a name or an ID number.
    changes      TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('open', 'dismissed', 'recommended')),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    UNIQUE (round_id, household_id)
) STRICT;
CREATE INDEX recheck_warnings_rank ON recheck_warnings (county_code, status, gap_fen);

CREATE TABLE recheck_exits (
    id             INTEGER PRIMARY KEY,
    warning_id     INTEGER NOT NULL UNIQUE REFERENCES recheck_warnings (id),
    county_code    TEXT NOT NULL,
    reason         TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    recommended_by TEXT NOT NULL,
    recommended_at TEXT NOT NULL,
    decided_by     TEXT NOT NULL DEFAULT '',
    decided_at     TEXT,
    decision_note  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX recheck_exits_county ON recheck_exits (county_code, status);
