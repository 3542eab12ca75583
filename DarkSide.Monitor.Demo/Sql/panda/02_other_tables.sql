-- PanDA's other per-job and reference tables (PanDA PG schema 0.1.6; docs/panda-data.md, "Optional tables").
-- pg_partman creates daily children for the modificationtime-partitioned tables; a demo database has only
-- the DEFAULT child (the monitor's queries do not depend on the child layout).

CREATE TABLE {panda}.jobparamstable (
    pandaid bigint NOT NULL,
    modificationtime timestamp NOT NULL,
    jobparameters text,
    CONSTRAINT jobparamstable_pk PRIMARY KEY (pandaid, modificationtime)
) PARTITION BY RANGE (modificationtime);

CREATE TABLE {panda}.metatable (
    pandaid bigint NOT NULL,
    modificationtime timestamp NOT NULL,
    metadata text,
    CONSTRAINT metatable_pk PRIMARY KEY (pandaid, modificationtime)
) PARTITION BY RANGE (modificationtime);

CREATE TABLE {panda}.jobs_statuslog (
    pandaid bigint NOT NULL,
    modificationtime timestamp NOT NULL,
    jobstatus varchar(15) NOT NULL,
    prodsourcelabel varchar(20),
    cloud varchar(50),
    computingsite varchar(128),
    modificationhost varchar(128),
    modiftime_extended timestamp
) PARTITION BY RANGE (modificationtime);

-- The reference gives no key for this table; PanDA's is assumed to be the full relation plus the partition key.
CREATE TABLE {panda}.jedi_job_retry_history (
    jeditaskid bigint NOT NULL,
    oldpandaid bigint NOT NULL,
    newpandaid bigint NOT NULL,
    ins_utc_tstamp timestamp NOT NULL,
    relationtype varchar(32),
    originpandaid bigint,
    CONSTRAINT jedi_job_retry_history_pk PRIMARY KEY (jeditaskid, oldpandaid, newpandaid, ins_utc_tstamp)
) PARTITION BY RANGE (ins_utc_tstamp);

CREATE TABLE {panda}.schedconfig_json (
    panda_queue varchar(50) NOT NULL,
    data json,
    last_update timestamp,
    CONSTRAINT schedconfig_json_pk PRIMARY KEY (panda_queue)
);

CREATE TABLE {panda}.error_descriptions (
    id bigserial NOT NULL,
    component varchar(32) NOT NULL,
    code integer NOT NULL,
    acronym varchar(64),
    diagnostics varchar(256),
    description varchar(4000),
    category smallint NOT NULL,
    CONSTRAINT error_descriptions_pk PRIMARY KEY (id)
);

CREATE SEQUENCE {panda}.jobsdefined4_pandaid_seq;
CREATE SEQUENCE {panda}.filestable4_row_id_seq;
CREATE SEQUENCE {panda}.jedi_datasets_id_seq;
CREATE SEQUENCE {panda}.jedi_dataset_cont_fileid_seq;

CREATE TABLE {panda}.jobsarchived4_default PARTITION OF {panda}.jobsarchived4 DEFAULT;
CREATE TABLE {panda}.jedi_tasks_default PARTITION OF {panda}.jedi_tasks DEFAULT;
CREATE TABLE {panda}.jedi_datasets_default PARTITION OF {panda}.jedi_datasets DEFAULT;
CREATE TABLE {panda}.jedi_dataset_contents_default PARTITION OF {panda}.jedi_dataset_contents DEFAULT;
CREATE TABLE {panda}.filestable4_default PARTITION OF {panda}.filestable4 DEFAULT;
CREATE TABLE {panda}.jobparamstable_default PARTITION OF {panda}.jobparamstable DEFAULT;
CREATE TABLE {panda}.metatable_default PARTITION OF {panda}.metatable DEFAULT;
CREATE TABLE {panda}.jobs_statuslog_default PARTITION OF {panda}.jobs_statuslog DEFAULT;
CREATE TABLE {panda}.jedi_job_retry_history_default PARTITION OF {panda}.jedi_job_retry_history DEFAULT;
