-- A claim finds its households by round and part (round_id = $1 AND
-- part_id IN …). With an index on part_id alone the planner combined it
-- with the primary key's round_id prefix, reading every household of the
-- round for every claim, so that reading a claim's input grew with the
-- round and a whole round grew quadratically. One index on (round_id,
-- part_id, household_id) answers the lookup alone and covers the
-- household IDs the input queries need.
DROP INDEX recheck_households_part;
CREATE INDEX recheck_households_part ON recheck_households (round_id, part_id, household_id);
