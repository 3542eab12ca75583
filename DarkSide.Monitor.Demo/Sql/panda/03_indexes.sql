-- PanDA's indexes, exactly as PanDA PG schema 0.1.6 defines them.
-- Created after a bulk load on a fresh demo database; the monitor adds no index of its own to these tables.

CREATE UNIQUE INDEX jobsdefined4_jeditaskid_idx ON {panda}.jobsdefined4 (jeditaskid, pandaid);
CREATE INDEX jobsdefined4_jobname_idx ON {panda}.jobsdefined4 (jobname);
CREATE INDEX jobsdefined4_jobsetid_idx ON {panda}.jobsdefined4 (jobsetid);
CREATE INDEX jobsdefined4_label_csite_stat ON {panda}.jobsdefined4 (prodsourcelabel, computingsite, jobstatus);
CREATE INDEX jobsdefined4_produsername_idx ON {panda}.jobsdefined4 (produsername);
CREATE INDEX jobsdefined4_reqid_idx ON {panda}.jobsdefined4 (reqid);
CREATE INDEX jobsdefined4_workqueue_idx ON {panda}.jobsdefined4 (workqueue_id, cloud, jobstatus, prodsourcelabel, currentpriority);
CREATE INDEX jobsdef_statechangetime_idx ON {panda}.jobsdefined4 (statechangetime);

CREATE UNIQUE INDEX jobswaiting4_jeditaskid_idx ON {panda}.jobswaiting4 (jeditaskid, pandaid);
CREATE INDEX jobswaiting4_jobexecid_idx ON {panda}.jobswaiting4 (jobexecutionid);
CREATE INDEX jobswaiting4_reqid_idx ON {panda}.jobswaiting4 (reqid);
CREATE INDEX jobswaiting4_workqueue_idx ON {panda}.jobswaiting4 (workqueue_id, cloud, jobstatus, prodsourcelabel, currentpriority);
CREATE INDEX jobswait_statechangetime_idx ON {panda}.jobswaiting4 (statechangetime);

CREATE INDEX jobsactive4_compsitestatus_idx ON {panda}.jobsactive4 (computingsite, jobstatus);
CREATE INDEX jobsactive4_csite_label_prior3 ON {panda}.jobsactive4 (computingsite, prodsourcelabel, currentpriority, jobstatus, maxdiskcount, commandtopilot);
CREATE INDEX jobsactive4_jeditaskidstat_idx ON {panda}.jobsactive4 (jeditaskid, jobstatus);
CREATE UNIQUE INDEX jobsactive4_jeditaskid_idx ON {panda}.jobsactive4 (jeditaskid, pandaid);
CREATE INDEX jobsactive4_jobdefid_idx ON {panda}.jobsactive4 (jobdefinitionid);
CREATE INDEX jobsactive4_jobname_idx ON {panda}.jobsactive4 (jobname);
CREATE INDEX jobsactive4_modtime_idx ON {panda}.jobsactive4 (modificationtime);
CREATE INDEX jobsactive4_prior_idx ON {panda}.jobsactive4 (currentpriority, pandaid);
CREATE INDEX jobsactive4_proddblock_st_idx ON {panda}.jobsactive4 (proddblock, jobstatus);
CREATE INDEX jobsactive4_produsernamest_idx ON {panda}.jobsactive4 (produsername, jobstatus);
CREATE INDEX jobsactive4_reqid_idx ON {panda}.jobsactive4 (reqid);
CREATE INDEX jobsactive4_stat_label_wgr_idx ON {panda}.jobsactive4 (jobstatus, prodsourcelabel, workinggroup);
CREATE INDEX jobsactive4_workqueue_idx ON {panda}.jobsactive4 (workqueue_id, cloud, jobstatus, prodsourcelabel, currentpriority);
CREATE INDEX jobsactive_statechangetime_idx ON {panda}.jobsactive4 (statechangetime);

CREATE INDEX jobsarc4_jeditaskid3attr_idx ON {panda}.jobsarchived4 (jeditaskid, jobstatus, prodsourcelabel, pandaid);
CREATE INDEX jobsarch4_compsite_5attr_idx ON {panda}.jobsarchived4 (computingsite, cloud, jobstatus, prodsourcelabel, processingtype, modificationtime);
CREATE INDEX jobsarch4_mtimeprodslabel_idx ON {panda}.jobsarchived4 (modificationtime, prodsourcelabel);
CREATE INDEX jobsarch4_piloterrcode_idx ON {panda}.jobsarchived4 (piloterrorcode);
CREATE INDEX jobsarch4_produsernamest_idx ON {panda}.jobsarchived4 (produsername, jobstatus);
CREATE INDEX jobsarch4_specialhandling_idx ON {panda}.jobsarchived4 (specialhandling);
CREATE INDEX jobsarch4_taskid_3attr_idx ON {panda}.jobsarchived4 (taskid, prodsourcelabel, jobstatus, processingtype);
CREATE INDEX jobsarch4_workgroup_status_idx ON {panda}.jobsarchived4 (workinggroup, jobstatus);
CREATE INDEX jobsarchived4_batchid_idx ON {panda}.jobsarchived4 (batchid);
CREATE INDEX jobsarchived4_changetime ON {panda}.jobsarchived4 (lockedby, prodsourcelabel, (CASE WHEN statechangetime > proddbupdatetime THEN 1 ELSE NULL END));
CREATE INDEX jobsarchived4_jobdefid_idx ON {panda}.jobsarchived4 (jobdefinitionid);
CREATE INDEX jobsarchived4_jobname_idx ON {panda}.jobsarchived4 (jobname);
CREATE INDEX jobsarchived4_jobsetid_idx ON {panda}.jobsarchived4 (jobsetid);
CREATE INDEX jobsarchived4_reqid_idx ON {panda}.jobsarchived4 (reqid);
CREATE INDEX jobsarchived4_workqueue_idx ON {panda}.jobsarchived4 (workqueue_id, cloud, jobstatus, prodsourcelabel, currentpriority);
CREATE INDEX jobs_destinationdblock_idx ON {panda}.jobsarchived4 (destinationdblock);
CREATE INDEX jobs_statechangetime_idx ON {panda}.jobsarchived4 (statechangetime);
CREATE INDEX jobs_upper_produsername_idx ON {panda}.jobsarchived4 (upper(produsername));

CREATE INDEX jobsarchived_reqid_idx ON {pandaarch}.jobsarchived (reqid);
CREATE INDEX jobs_batchid_idx ON {pandaarch}.jobsarchived (batchid);
CREATE INDEX jobs_comsite_3attr_pandaid_idx ON {pandaarch}.jobsarchived (computingsite, jobstatus, prodsourcelabel, processingtype, pandaid);
CREATE INDEX jobs_exeerrorcode_idx ON {pandaarch}.jobsarchived (exeerrorcode);
CREATE INDEX jobs_jeditaskid_pandaid_idx ON {pandaarch}.jobsarchived (jeditaskid, pandaid);
CREATE INDEX jobs_jobdefid_produsername_idx ON {pandaarch}.jobsarchived (jobdefinitionid, produsername);
CREATE INDEX jobs_jobname_idx ON {pandaarch}.jobsarchived (jobname);
CREATE INDEX jobs_jobsetid_produsername_idx ON {pandaarch}.jobsarchived (jobsetid, produsername);
CREATE INDEX jobs_pandaid_idx ON {pandaarch}.jobsarchived (pandaid);
CREATE INDEX jobs_produsername_4attr_idx ON {pandaarch}.jobsarchived (produsername, jobstatus, prodsourcelabel, jobsetid, jobdefinitionid);
CREATE INDEX jobs_specialhandling_idx ON {pandaarch}.jobsarchived (specialhandling);
CREATE INDEX jobs_statechangetime_idx ON {pandaarch}.jobsarchived (statechangetime);
CREATE INDEX jobs_taskid_3attr_pandaid_idx ON {pandaarch}.jobsarchived (taskid, prodsourcelabel, jobstatus, processingtype, pandaid);
CREATE INDEX jobs_upper_produsername_idx ON {pandaarch}.jobsarchived (upper(produsername));
CREATE INDEX job_prodlabel_status_idx ON {pandaarch}.jobsarchived (prodsourcelabel, jobstatus);

CREATE INDEX jedi_tasks_amiflag_idx ON {panda}.jedi_tasks (amiflag);
CREATE INDEX jedi_tasks_reqid_idx ON {panda}.jedi_tasks (reqid, username);
CREATE INDEX jedi_tasks_creation_idx ON {panda}.jedi_tasks (creationdate);
CREATE INDEX jedi_tasks_lockedby_idx ON {panda}.jedi_tasks (lockedby);
CREATE INDEX jedi_tasks_modiftime_idx ON {panda}.jedi_tasks (modificationtime);
CREATE INDEX jedi_tasks_nametaskid_idx ON {panda}.jedi_tasks (taskname, jeditaskid);
CREATE INDEX jedi_tasks_parent_tid_idx ON {panda}.jedi_tasks (parent_tid);
CREATE INDEX jedi_tasks_status3attr_idx ON {panda}.jedi_tasks (status, workqueue_id, prodsourcelabel, jeditaskid);
CREATE INDEX jedi_upper_tasks_name_idx ON {panda}.jedi_tasks (upper(taskname));
CREATE INDEX jedi_tasks_realmodtime_idx ON {panda}.jedi_tasks (realmodificationtime);

CREATE INDEX jedi_datasets_datasetid_idx ON {panda}.jedi_datasets (datasetid);
CREATE INDEX jedi_datasets_type_idx ON {panda}.jedi_datasets (jeditaskid, type);
CREATE INDEX jedi_datasets_containername_idx ON {panda}.jedi_datasets (containername);
CREATE INDEX jedi_datasets_dsname_idx ON {panda}.jedi_datasets (datasetname, type, jeditaskid);
CREATE INDEX jedi_datasets_lockedby_idx ON {panda}.jedi_datasets (lockedby);
CREATE INDEX jedi_datasets_statecheckexp_idx ON {panda}.jedi_datasets (statecheckexpiration);

CREATE INDEX jedi_dataset_contents_lfn_idx ON {panda}.jedi_dataset_contents (lfn);
CREATE INDEX jedi_dataset_contents_datasetid_idx ON {panda}.jedi_dataset_contents (datasetid);
CREATE INDEX jedi_dataset_contents_pandaid_idx ON {panda}.jedi_dataset_contents (pandaid);

CREATE INDEX filestable4_dataset_idx ON {panda}.filestable4 (dataset, type, destinationdblock, status, pandaid);
CREATE INDEX filestable4_destdblock_idx ON {panda}.filestable4 (destinationdblock);
CREATE INDEX filestable4_dispdblock_idx ON {panda}.filestable4 (dispatchdblock);
CREATE INDEX filestable4_lfn_idx ON {panda}.filestable4 (lfn);
CREATE INDEX filestable4_pandaid_idx ON {panda}.filestable4 (pandaid);
CREATE INDEX filestable4_jeditaskid_idx ON {panda}.filestable4 (jeditaskid, datasetid, fileid);

CREATE INDEX jobs_statuslog_pandaid_idx ON {panda}.jobs_statuslog (pandaid);
