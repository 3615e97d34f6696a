-- A round's save writes one query row and one packed answer row per
-- household and department: 32,000 of each for a claim of 4,000
-- households. Per-row foreign-key triggers and a second unique key made
-- that write three times as slow as the rows themselves
-- (README, Performance), so:
--
-- * recheck_queries is keyed by (round, household, department) alone; its
--   text id was the same key spelt out (hedui.RecheckQueryID derives it).
-- * recheck_queries and recheck_results lose their per-row foreign keys:
--   they are written only by SaveRecheckParts, under a lease on parts of
--   the round (recheck_parts references the round), with every household
--   checked against the parts and the departments checked as one set.
--   recheck_households loses its three: StartRound writes its rows in the
--   transaction that reads the households from the roll and creates the
--   round and its parts (360,000 key checks for a city round).
-- * packed answers are sealed as bytes (crypt.SealBinary); values sealed
--   as text before this migration keep opening (crypt.OpenBinary).
ALTER TABLE recheck_queries DROP CONSTRAINT recheck_queries_round_id_fkey;
ALTER TABLE recheck_queries DROP CONSTRAINT recheck_queries_department_id_fkey;
ALTER TABLE recheck_queries DROP COLUMN id;
ALTER TABLE recheck_queries DROP CONSTRAINT recheck_queries_round_id_household_id_department_id_key;
ALTER TABLE recheck_queries ADD PRIMARY KEY (round_id, household_id, department_id);

ALTER TABLE recheck_results DROP CONSTRAINT recheck_results_round_id_fkey;

ALTER TABLE recheck_households DROP CONSTRAINT recheck_households_round_id_fkey;
ALTER TABLE recheck_households DROP CONSTRAINT recheck_households_household_id_fkey;
ALTER TABLE recheck_households DROP CONSTRAINT recheck_households_part_id_fkey;

ALTER TABLE recheck_answers ALTER COLUMN payload_enc TYPE BYTEA USING convert_to(payload_enc, 'UTF8');

-- The roll's per-row keys, for the same reason: a city's roll is 120,000
-- households and 300,000 members, and its import inserted them twice as
-- fast without them. ImportRoll checks the county (and the townships of
-- its households) against divisions once per import, creates the
-- roll_imports row in the same transaction, and gives members the ids of
-- households it has just read or written; households are never deleted
-- (they leave the roll by status). SQLite checks a key by an index lookup
-- in process, cheaply, and keeps these.
ALTER TABLE roll_households DROP CONSTRAINT roll_households_county_code_fkey;
ALTER TABLE roll_households DROP CONSTRAINT roll_households_import_id_fkey;
ALTER TABLE roll_members DROP CONSTRAINT roll_members_roll_household_id_fkey;
