-- Rules: versioned policy parameters per county and hukou type, the
-- machine's conclusions on cases and the verifiers' decisions on them.
-- Conventions as in 0001: STRICT, TEXT times and dates, INTEGER booleans.
-- Policies are not personal data: their parameters are plain JSON. A
-- conclusion quotes amounts and member ids, so its body is sealed; the
-- outcome columns beside it (overall, category, benefit) are what
-- dashboards count. A decision's reason is sealed. None of the three is
-- ever updated or deleted: a change is a new version.

CREATE TABLE policies (
    id             INTEGER PRIMARY KEY,
    county_code    TEXT NOT NULL REFERENCES divisions (code),
    hukou_type     TEXT NOT NULL CHECK (hukou_type IN ('urban', 'rural')),
    effective_from TEXT NOT NULL,
    version        INTEGER NOT NULL CHECK (version >= 1),
    name           TEXT NOT NULL,
    example        INTEGER NOT NULL DEFAULT 0,
    params         TEXT NOT NULL,
    user_id        INTEGER NOT NULL DEFAULT 0,
    username       TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (county_code, hukou_type, version)
) STRICT;
CREATE INDEX policies_in_force ON policies (county_code, hukou_type, effective_from, version);

CREATE TABLE conclusions (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    version        INTEGER NOT NULL CHECK (version >= 1),
    policy_id      INTEGER NOT NULL REFERENCES policies (id),
    policy_version INTEGER NOT NULL,
    as_of          TEXT NOT NULL,
    overall        TEXT NOT NULL CHECK (overall IN ('clear', 'visit', 'exceeds', 'incomplete')),
    category       TEXT NOT NULL DEFAULT '',
    benefit_fen    INTEGER NOT NULL DEFAULT 0,
    body_enc       TEXT NOT NULL,
    user_id        INTEGER NOT NULL DEFAULT 0,
    username       TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (application_id, version)
) STRICT;
CREATE INDEX conclusions_policy ON conclusions (policy_id);
CREATE INDEX conclusions_outcome ON conclusions (overall, category);

-- One decision per conclusion. A confirmation copies the conclusion's
-- outcome, so the outcome columns always hold the decided result.
CREATE TABLE decisions (
    id             INTEGER PRIMARY KEY,
    conclusion_id  INTEGER NOT NULL UNIQUE REFERENCES conclusions (id),
    application_id INTEGER NOT NULL REFERENCES applications (id),
    action         TEXT NOT NULL CHECK (action IN ('confirm', 'override')),
    overall        TEXT NOT NULL,
    category       TEXT NOT NULL DEFAULT '',
    benefit_fen    INTEGER NOT NULL DEFAULT 0,
    reason_enc     TEXT NOT NULL DEFAULT '',
    user_id        INTEGER NOT NULL DEFAULT 0,
    username       TEXT NOT NULL,
    decided_at     TEXT NOT NULL
) STRICT;
CREATE INDEX decisions_application ON decisions (application_id);
CREATE INDEX decisions_outcome ON decisions (overall, category);
