-- A department that refuses a round's query for good (a 4xx, an unusable
-- endpoint, a signature that does not verify) leaves it waiting for an
-- answer file. The reason was only logged; the round's progress now counts
-- such queries per department and shows a reason, so that the verifier
-- watching a round that does not finish sees why. ID numbers in the
-- reason are masked before it is stored. NULL: not refused.
ALTER TABLE recheck_queries ADD COLUMN refusal TEXT;
