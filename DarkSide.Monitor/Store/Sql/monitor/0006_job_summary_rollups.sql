-- The job list's summaries, kept per hour of jobsarchived4's modificationtime (every job there, whatever its
-- status), so that a summary of days reads these and only the window's edges and the active tables from PanDA.
-- One row counts the jobs of one site and status with one value of one summary attribute (field is its column);
-- site and status are kept so that the job list filtered by them is served too. NULLs are PanDA's unset values.
CREATE TABLE {monitor}.job_summary_hourly (
    hour timestamp NOT NULL,
    computingsite text,
    jobstatus text,
    blind boolean NOT NULL,
    field text NOT NULL,
    value text,
    jobs bigint NOT NULL
);
CREATE INDEX job_summary_hourly_hour_idx ON {monitor}.job_summary_hourly (hour);

-- Failed jobs per error component:code: how many, the lowest PandaID, and the first diagnostic in byte order.
CREATE TABLE {monitor}.job_errors_hourly (
    hour timestamp NOT NULL,
    computingsite text,
    jobstatus text,
    blind boolean NOT NULL,
    component text NOT NULL,
    code integer NOT NULL,
    jobs bigint NOT NULL,
    example bigint NOT NULL,
    sample text COLLATE "C"
);
CREATE INDEX job_errors_hourly_hour_idx ON {monitor}.job_errors_hourly (hour);

-- The same per UTC day, rebuilt from the hourly tables for every day the aggregator touched.
CREATE TABLE {monitor}.job_summary_daily (LIKE {monitor}.job_summary_hourly);
ALTER TABLE {monitor}.job_summary_daily RENAME COLUMN hour TO day;
CREATE INDEX job_summary_daily_day_idx ON {monitor}.job_summary_daily (day);

CREATE TABLE {monitor}.job_errors_daily (LIKE {monitor}.job_errors_hourly);
ALTER TABLE {monitor}.job_errors_daily RENAME COLUMN hour TO day;
CREATE INDEX job_errors_daily_day_idx ON {monitor}.job_errors_daily (day);
