namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>Independent SQL over PanDA's job tables, written plainly, to check what the repository returns.</summary>
public static class Oracle
{
    public const string AllJobs = """
        (SELECT *, 'jobsdefined4' AS pandatable FROM (SELECT pandaid, jeditaskid, jobname, jobstatus, computingsite,
            produsername, processingtype,
                transformation, currentpriority, creationtime, modificationtime, piloterrorcode, piloterrordiag,
                    attemptnr, maxpss, actualcorecount FROM doma_panda.jobsdefined4) d
         UNION ALL SELECT *, 'jobsactive4' FROM (SELECT pandaid, jeditaskid, jobname, jobstatus, computingsite,
             produsername, processingtype,
                transformation, currentpriority, creationtime, modificationtime, piloterrorcode, piloterrordiag,
                    attemptnr, maxpss, actualcorecount FROM doma_panda.jobsactive4) a
         UNION ALL SELECT *, 'jobsarchived4' FROM (SELECT pandaid, jeditaskid, jobname, jobstatus, computingsite,
             produsername, processingtype,
                transformation, currentpriority, creationtime, modificationtime, piloterrorcode, piloterrordiag,
                    attemptnr, maxpss, actualcorecount FROM doma_panda.jobsarchived4) r) j
        """;

    public const string IsBlind = """
        EXISTS (SELECT 1 FROM doma_panda.jedi_datasets d WHERE d.jeditaskid = j.jeditaskid AND d.datasetname LIKE
            'blind:%')
        """;

    public static object Timestamp(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);
}
