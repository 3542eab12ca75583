-- Baseline of the monitor's own schema. PanDA's schemas are never written; everything the monitor keeps
-- (rollups, audit, saved views) lives here and is added by later numbered migrations.
COMMENT ON SCHEMA {monitor} IS 'DarkSide.Monitor state; managed by the monitor''s migrations';
