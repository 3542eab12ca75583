-- Usage rollups: ended jobs of jobsarchived4 aggregated per hour of modificationtime (the job list's time axis, so
-- a rollup cell and the job list link beside it count the same jobs). Each hour is recomputed whole by the
-- aggregator, never incremented, so a rerun or a restart cannot double-count.
CREATE TABLE {monitor}.usage_hourly (
    hour timestamp NOT NULL,
    computingsite text NOT NULL,
    jobstatus text NOT NULL,
    prodsourcelabel text NOT NULL,
    workinggroup text NOT NULL,
    produsername text NOT NULL,
    transformation text NOT NULL,
    processingtype text NOT NULL,
    resource_type text NOT NULL,
    blind boolean NOT NULL,
    jobs bigint NOT NULL,
    wall_core_seconds numeric NOT NULL,
    cpu_seconds numeric NOT NULL,
    hs06sec numeric NOT NULL,
    events numeric NOT NULL,
    input_bytes numeric NOT NULL,
    output_bytes numeric NOT NULL,
    failed_core_seconds numeric NOT NULL,
    pss_jobs bigint NOT NULL,
    pss_request_jobs bigint NOT NULL,
    -- Σ requested MB per core over the jobs with a PSS and a request: with pss_request_jobs, the mean request.
    pss_request_per_core_mb numeric NOT NULL,
    max_pss_per_core_mb numeric,
    jobs_over_request bigint NOT NULL,
    -- Jobs per PSS-per-core bucket: [k*0.25, (k+1)*0.25) GB for k = 0..23, and 6 GB or more in bucket 24.
    -- One column per bucket, because summing columns is many times faster than summing arrays element-wise.
    pss_b00 integer NOT NULL,
    pss_b01 integer NOT NULL,
    pss_b02 integer NOT NULL,
    pss_b03 integer NOT NULL,
    pss_b04 integer NOT NULL,
    pss_b05 integer NOT NULL,
    pss_b06 integer NOT NULL,
    pss_b07 integer NOT NULL,
    pss_b08 integer NOT NULL,
    pss_b09 integer NOT NULL,
    pss_b10 integer NOT NULL,
    pss_b11 integer NOT NULL,
    pss_b12 integer NOT NULL,
    pss_b13 integer NOT NULL,
    pss_b14 integer NOT NULL,
    pss_b15 integer NOT NULL,
    pss_b16 integer NOT NULL,
    pss_b17 integer NOT NULL,
    pss_b18 integer NOT NULL,
    pss_b19 integer NOT NULL,
    pss_b20 integer NOT NULL,
    pss_b21 integer NOT NULL,
    pss_b22 integer NOT NULL,
    pss_b23 integer NOT NULL,
    pss_b24 integer NOT NULL,
    -- Jobs per walltime bucket; the edges are UsageBuckets.WalltimeEdgesSeconds.
    wall_b00 integer NOT NULL,
    wall_b01 integer NOT NULL,
    wall_b02 integer NOT NULL,
    wall_b03 integer NOT NULL,
    wall_b04 integer NOT NULL,
    wall_b05 integer NOT NULL,
    wall_b06 integer NOT NULL,
    wall_b07 integer NOT NULL,
    wall_b08 integer NOT NULL,
    wall_b09 integer NOT NULL,
    wall_b10 integer NOT NULL,
    wall_b11 integer NOT NULL,
    wall_b12 integer NOT NULL,
    wall_b13 integer NOT NULL,
    wall_b14 integer NOT NULL,
    wall_b15 integer NOT NULL,
    wall_b16 integer NOT NULL,
    wall_b17 integer NOT NULL,
    PRIMARY KEY (hour, computingsite, jobstatus, prodsourcelabel, workinggroup, produsername, transformation,
                 processingtype, resource_type, blind)
);
CREATE INDEX usage_hourly_site_idx ON {monitor}.usage_hourly (computingsite, hour);

-- The same per UTC day, rebuilt from usage_hourly for every day the aggregator touched.
CREATE TABLE {monitor}.usage_daily (LIKE {monitor}.usage_hourly INCLUDING DEFAULTS);
ALTER TABLE {monitor}.usage_daily RENAME COLUMN hour TO day;
ALTER TABLE {monitor}.usage_daily ADD PRIMARY KEY (day, computingsite, jobstatus, prodsourcelabel, workinggroup,
    produsername, transformation, processingtype, resource_type, blind);
CREATE INDEX usage_daily_site_idx ON {monitor}.usage_daily (computingsite, day);

-- Core-seconds delivered per site per clock hour, kept per hour of archival so each archival hour is recomputed whole.
CREATE TABLE {monitor}.site_cores_hourly (
    hour timestamp NOT NULL,
    computingsite text NOT NULL,
    blind boolean NOT NULL,
    run_hour timestamp NOT NULL,
    core_seconds numeric NOT NULL,
    PRIMARY KEY (hour, computingsite, blind, run_hour)
);
CREATE INDEX site_cores_hourly_run_idx ON {monitor}.site_cores_hourly (computingsite, run_hour);

-- Jobs whose PSS per core exceeded their request, or whose memory grew faster than the leak threshold.
CREATE TABLE {monitor}.memory_suspects (
    pandaid bigint NOT NULL,
    modificationtime timestamp NOT NULL,
    jeditaskid bigint,
    computingsite text NOT NULL,
    transformation text NOT NULL,
    jobstatus text NOT NULL,
    blind boolean NOT NULL,
    cores integer NOT NULL,
    pss_per_core_mb numeric,
    request_per_core_mb numeric,
    memory_leak bigint,
    PRIMARY KEY (modificationtime, pandaid)
);
CREATE INDEX memory_suspects_task_idx ON {monitor}.memory_suspects (jeditaskid, modificationtime);

-- Where the aggregator has got to, and with which blind scopes (a change of scopes rebuilds the rollups).
CREATE TABLE {monitor}.rollup_state (
    name text PRIMARY KEY,
    watermark timestamp,
    blind_scopes text NOT NULL,
    backfill_from timestamp,
    backfill_done boolean NOT NULL DEFAULT false,
    last_run_at timestamptz,
    last_run_ms integer,
    last_run_jobs bigint
);
