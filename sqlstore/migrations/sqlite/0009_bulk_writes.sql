-- See the PostgreSQL migration of the same number for why (the roll keeps
-- its foreign keys here: SQLite checks them cheaply). recheck_queries
-- keyed by (round, household, department) alone and, like
-- recheck_results and recheck_households, without per-row foreign keys;
-- packed answers sealed as bytes (older text values stay readable). SQLite
-- changes keys only by rebuilding a table.
CREATE TABLE recheck_queries_new (
    round_id      INTEGER NOT NULL,
    household_id  INTEGER NOT NULL,
    department_id INTEGER NOT NULL,
    subjects      INTEGER NOT NULL,
    items         TEXT NOT NULL,
    -- subjects × items: the answer rows owed; answered_at is set when
    -- they are all in.
    expected      INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    answered_at   TEXT,
    PRIMARY KEY (round_id, household_id, department_id)
) STRICT;
INSERT INTO recheck_queries_new (round_id, household_id, department_id, subjects, items, expected, created_at, answered_at)
    SELECT round_id, household_id, department_id, subjects, items, expected, created_at, answered_at FROM recheck_queries;
DROP TABLE recheck_queries;
ALTER TABLE recheck_queries_new RENAME TO recheck_queries;
CREATE INDEX recheck_queries_department ON recheck_queries (round_id, department_id);

CREATE TABLE recheck_results_new (
    round_id       INTEGER NOT NULL,
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
INSERT INTO recheck_results_new SELECT round_id, household_id, county_code, as_of, members, income_fen,
    per_capita_fen, standard_fen, vehicles, homes, businesses, employed, deceased, evaluated_at FROM recheck_results;
DROP TABLE recheck_results;
ALTER TABLE recheck_results_new RENAME TO recheck_results;
CREATE INDEX recheck_results_household ON recheck_results (household_id, as_of);
CREATE INDEX recheck_results_evaluated ON recheck_results (evaluated_at);

-- STRICT tables check declared types, so payload_enc becomes a BLOB;
-- values sealed as text are kept as their bytes.
CREATE TABLE recheck_answers_new (
    round_id      INTEGER NOT NULL,
    household_id  INTEGER NOT NULL,
    department_id INTEGER NOT NULL,
    answers       INTEGER NOT NULL,
    payload_enc   BLOB NOT NULL,
    received_at   TEXT NOT NULL,
    PRIMARY KEY (round_id, household_id, department_id)
) STRICT;
INSERT INTO recheck_answers_new SELECT round_id, household_id, department_id, answers, CAST(payload_enc AS BLOB),
    received_at FROM recheck_answers;
DROP TABLE recheck_answers;
ALTER TABLE recheck_answers_new RENAME TO recheck_answers;

CREATE TABLE recheck_households_new (
    round_id     INTEGER NOT NULL,
    household_id INTEGER NOT NULL,
    part_id      INTEGER NOT NULL,
    county_code  TEXT NOT NULL,
    PRIMARY KEY (round_id, household_id)
) STRICT;
INSERT INTO recheck_households_new SELECT round_id, household_id, part_id, county_code FROM recheck_households;
DROP TABLE recheck_households;
ALTER TABLE recheck_households_new RENAME TO recheck_households;
CREATE INDEX recheck_households_part ON recheck_households (round_id, part_id, household_id);
