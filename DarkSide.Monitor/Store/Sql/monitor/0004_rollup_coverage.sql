-- Exact tails for the open top histogram buckets (PSS per core of 6 GB and more, walltime of 48 h and more), so a
-- median or p95 that falls there is the job's own value; and what the rollups cover, and why they are rebuilt.
ALTER TABLE {monitor}.usage_hourly ADD COLUMN pss_tail_mb real[], ADD COLUMN wall_tail_s integer[];
ALTER TABLE {monitor}.usage_daily ADD COLUMN pss_tail_mb real[], ADD COLUMN wall_tail_s integer[];

-- Concatenates the tails of many rollup rows (array_agg would need arrays of one length).
CREATE AGGREGATE {monitor}.array_cat_agg(anycompatiblearray) (SFUNC = array_cat, STYPE = anycompatiblearray);

ALTER TABLE {monitor}.rollup_state
    ADD COLUMN backfill_horizon timestamp,
    ADD COLUMN rebuild_reason text,
    ADD COLUMN skipped_days text;
