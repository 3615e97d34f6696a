-- Assistance rolls (低保/特困名册): the households that receive assistance
-- now, imported from the counties' exports, so that every recipient can be
-- re-verified on a schedule. Conventions as in 0001. A roll household is
-- matched across imports by (county_code, number); content_sha256 is the
-- hash of its normalised content, so an identical row changes nothing.

CREATE TABLE roll_imports (
    id            INTEGER PRIMARY KEY,
    county_code   TEXT NOT NULL REFERENCES divisions (code),
    mode          TEXT NOT NULL CHECK (mode IN ('full', 'incremental')),
    file_name_enc TEXT NOT NULL,
    file_sha256   TEXT NOT NULL,
    rows          INTEGER NOT NULL,
    added         INTEGER NOT NULL,
    updated       INTEGER NOT NULL,
    unchanged     INTEGER NOT NULL,
    exited        INTEGER NOT NULL,
    -- The validation report as JSON ([]hedui.Problem); sealed because a
    -- problem may quote a name or an ID number.
    problems_enc  TEXT NOT NULL DEFAULT '',
    problem_count INTEGER NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX roll_imports_county ON roll_imports (county_code, id);

CREATE TABLE roll_households (
    id             INTEGER PRIMARY KEY,
    city_code      TEXT NOT NULL,
    county_code    TEXT NOT NULL REFERENCES divisions (code),
    township_code  TEXT NOT NULL,
    region_code    TEXT NOT NULL,
    number         TEXT NOT NULL,
    category       TEXT NOT NULL CHECK (category IN ('dibao', 'tekun')),
    hukou_type     TEXT NOT NULL,
    stable         INTEGER NOT NULL,
    benefit_fen    INTEGER NOT NULL,
    income_fen     INTEGER NOT NULL,
    since          TEXT NOT NULL,
    address_enc    TEXT NOT NULL,
    letter_number  TEXT NOT NULL,
    letter_until   TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('active', 'exited')),
    content_sha256 TEXT NOT NULL,
    import_id      INTEGER NOT NULL REFERENCES roll_imports (id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (county_code, number)
) STRICT;
CREATE INDEX roll_households_township ON roll_households (township_code, status);
CREATE INDEX roll_households_status ON roll_households (county_code, status, category);

CREATE TABLE roll_members (
    id                INTEGER PRIMARY KEY,
    roll_household_id INTEGER NOT NULL REFERENCES roll_households (id),
    seq               INTEGER NOT NULL,
    name_enc          TEXT NOT NULL,
    id_enc            TEXT NOT NULL,
    id_index          TEXT NOT NULL,
    gender            TEXT NOT NULL,
    birth_date        TEXT NOT NULL,
    relationship      TEXT NOT NULL,
    disability_grade  INTEGER NOT NULL DEFAULT 0,
    labour_capacity   TEXT NOT NULL,
    lives_together    INTEGER NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('active', 'removed')),
    UNIQUE (roll_household_id, id_index)
) STRICT;
CREATE INDEX roll_members_household ON roll_members (roll_household_id, status, seq);
CREATE INDEX roll_members_person ON roll_members (id_index);
