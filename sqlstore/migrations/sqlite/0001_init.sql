-- Core schema: directory, accounts, households, applications, declarations,
-- authorisation letters, lifecycle history, numbering and the audit log.
-- STRICT tables. Times are TEXT in the fixed-width UTC form
-- 2006-01-02T15:04:05.000000Z, so that text order is time order; civil dates
-- are TEXT 2006-01-02; booleans are INTEGER 0/1. Personal data lives only in
-- *_enc columns, sealed by crypt.Keyring; id_index is its HMAC blind index.

CREATE TABLE divisions (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL,
    -- No foreign key: division lists are imported in part (a city without
    -- its province) and in any order.
    parent_code TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX divisions_parent ON divisions (parent_code);

CREATE TABLE organisations (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    division_code TEXT NOT NULL REFERENCES divisions (code),
    level         TEXT NOT NULL,
    UNIQUE (name, division_code)
) STRICT;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL,
    org_id        INTEGER NOT NULL REFERENCES organisations (id),
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX users_org ON users (org_id);

CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    client     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE households (
    id            INTEGER PRIMARY KEY,
    city_code     TEXT NOT NULL,
    county_code   TEXT NOT NULL,
    township_code TEXT NOT NULL REFERENCES divisions (code),
    address_enc   TEXT NOT NULL,
    hukou_type    TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX households_township ON households (township_code);

CREATE TABLE members (
    id               INTEGER PRIMARY KEY,
    household_id     INTEGER NOT NULL REFERENCES households (id),
    name_enc         TEXT NOT NULL,
    id_enc           TEXT NOT NULL,
    id_index         TEXT NOT NULL,
    gender           TEXT NOT NULL,
    birth_date       TEXT NOT NULL,
    relationship     TEXT NOT NULL,
    hukou_type       TEXT NOT NULL,
    disability_grade INTEGER NOT NULL DEFAULT 0,
    labour_capacity  TEXT NOT NULL,
    lives_together   INTEGER NOT NULL,
    status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'removed')),
    added_at         TEXT NOT NULL,
    removed_at       TEXT
) STRICT;
CREATE INDEX members_household ON members (household_id, status);
CREATE UNIQUE INDEX members_active_person ON members (household_id, id_index) WHERE status = 'active';
CREATE INDEX members_id_index ON members (id_index);

CREATE TABLE applications (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    household_id     INTEGER NOT NULL REFERENCES households (id),
    kind             TEXT NOT NULL,
    assistance_types TEXT NOT NULL,
    status           TEXT NOT NULL,
    city_code        TEXT NOT NULL,
    county_code      TEXT NOT NULL,
    township_code    TEXT NOT NULL,
    created_by       INTEGER REFERENCES users (id),
    client_key       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX applications_township ON applications (township_code, status);
CREATE INDEX applications_county ON applications (county_code, status);
CREATE INDEX applications_city ON applications (city_code, status);
CREATE INDEX applications_household ON applications (household_id);
CREATE UNIQUE INDEX applications_client_key ON applications (created_by, client_key) WHERE client_key IS NOT NULL;

-- One row per person in a non-terminal application: the primary key is the
-- rule "one person, one open application".
CREATE TABLE active_persons (
    id_index       TEXT PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    member_id      INTEGER NOT NULL REFERENCES members (id)
) STRICT;
CREATE INDEX active_persons_application ON active_persons (application_id);

CREATE TABLE declaration_incomes (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    member_id      INTEGER REFERENCES members (id),
    category       TEXT NOT NULL,
    source_enc     TEXT NOT NULL DEFAULT '',
    period_from    TEXT NOT NULL,
    period_to      TEXT NOT NULL,
    amount_fen     INTEGER NOT NULL,
    note_enc       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX declaration_incomes_application ON declaration_incomes (application_id);

CREATE TABLE declaration_assets (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES applications (id),
    member_id       INTEGER REFERENCES members (id),
    kind            TEXT NOT NULL,
    description_enc TEXT NOT NULL DEFAULT '',
    value_fen       INTEGER NOT NULL,
    quantity        INTEGER NOT NULL DEFAULT 0,
    area_m2x100     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX declaration_assets_application ON declaration_assets (application_id);

CREATE TABLE letters (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,
    household_id INTEGER NOT NULL REFERENCES households (id),
    form         TEXT NOT NULL,
    signed_on    TEXT NOT NULL,
    valid_from   TEXT NOT NULL,
    valid_until  TEXT,
    status       TEXT NOT NULL,
    status_note  TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX letters_household ON letters (household_id, status);
CREATE UNIQUE INDEX letters_one_active ON letters (household_id) WHERE status = 'active';

CREATE TABLE letter_signers (
    letter_id      INTEGER NOT NULL REFERENCES letters (id),
    member_id      INTEGER NOT NULL REFERENCES members (id),
    method         TEXT NOT NULL,
    agent_name_enc TEXT NOT NULL DEFAULT '',
    agent_id_enc   TEXT NOT NULL DEFAULT '',
    agent_relation TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (letter_id, member_id)
) STRICT;
CREATE INDEX letter_signers_member ON letter_signers (member_id);

CREATE TABLE letter_scans (
    letter_id     INTEGER PRIMARY KEY REFERENCES letters (id),
    file_name_enc TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    data_enc      TEXT NOT NULL,
    uploaded_at   TEXT NOT NULL
) STRICT;

CREATE TABLE transitions (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    from_status    TEXT NOT NULL,
    to_status      TEXT NOT NULL,
    action         TEXT NOT NULL,
    user_id        INTEGER NOT NULL DEFAULT 0,
    username       TEXT NOT NULL,
    role           TEXT NOT NULL,
    at             TEXT NOT NULL,
    comment_enc    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX transitions_application ON transitions (application_id, id);

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;

-- The audit log has no foreign keys on purpose: it must outlive what it
-- records, and it records failed logins of unknown users.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER NOT NULL,
    username    TEXT NOT NULL,
    role        TEXT NOT NULL,
    org_id      INTEGER NOT NULL,
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    case_id     INTEGER NOT NULL,
    client_addr TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    detail      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_username ON audit_log (username, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_case ON audit_log (case_id, seq) WHERE case_id <> 0;
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
) STRICT;
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
