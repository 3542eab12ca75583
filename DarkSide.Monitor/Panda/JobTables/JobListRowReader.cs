using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using Npgsql;

namespace DarkSide.Monitor.Panda.JobTables;

/// <summary>
/// Maps the job-list statement's columns to <see cref="JobListRow"/>; PanDA's 1970-01-01 means "not set". With
/// <paramref name="keepColumns"/> it also keeps every PanDA column as read (BigPanDA's JSON hands them out raw).
/// </summary>
internal sealed class JobListRowReader(NpgsqlDataReader reader, ViewerAccess viewer, bool keepColumns = false)
{
    private static readonly DateTime Unset = new(1970, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    private readonly Dictionary<string, int> _ordinals = Enumerable
        .Range(0, reader.FieldCount)
        .ToDictionary(reader.GetName, i => i, StringComparer.Ordinal);

    public JobListRow Read()
    {
        var isBlind = reader.GetBoolean(_ordinals["isblind"]);
        return new JobListRow
        {
            PandaId = Long("pandaid")!.Value,
            PandaTable = String("pandatable")!,
            IsBlind = isBlind,
            IsRedacted = isBlind && !viewer.CanSeeBlindData,
            JediTaskId = Long("jeditaskid"),
            TaskId = Long("taskid"),
            ReqId = Long("reqid"),
            AttemptNr = Int("attemptnr") ?? 0,
            MaxAttempt = Int("maxattempt") ?? 0,
            ProdUserName = String("produsername"),
            ProdUserId = String("produserid"),
            WorkingGroup = String("workinggroup"),
            Vo = String("vo"),
            Transformation = String("transformation"),
            ProdSourceLabel = String("prodsourcelabel"),
            ProcessingType = String("processingtype"),
            JobStatus = String("jobstatus")!,
            JobSubStatus = String("jobsubstatus"),
            CreationTime = Time("creationtime") ?? DateTime.UnixEpoch,
            StartTime = Time("starttime"),
            EndTime = Time("endtime"),
            StateChangeTime = Time("statechangetime"),
            ModificationTime = Time("modificationtime") ?? DateTime.UnixEpoch,
            ComputingSite = String("computingsite"),
            Cloud = String("cloud"),
            QueueStatus = _ordinals.ContainsKey("queuestatus") ? String("queuestatus") : null,
            QueueComment = _ordinals.ContainsKey("queuecomment") ? String("queuecomment") : null,
            CurrentPriority = Int("currentpriority") ?? 0,
            CoreCount = Int("corecount"),
            ActualCoreCount = Int("actualcorecount"),
            MaxPss = Long("maxpss"),
            AvgPss = Long("avgpss"),
            CpuConsumptionTime = reader.IsDBNull(_ordinals["cpuconsumptiontime"])
                ? 0
                : reader.GetDecimal(_ordinals["cpuconsumptiontime"]),
            Hs06Sec = Long("hs06sec"),
            SpecialHandling = String("specialhandling"),
            CommandToPilot = String("commandtopilot"),
            EventService = Int("eventservice"),
            TransExitCode = String("transexitcode"),
            Errors = ErrorFields
                .All.Select(e => (Field: e, Code: Int(e.CodeColumn) ?? 0))
                .Where(e => e.Code != 0)
                .Select(e => new JobError(e.Field.Component, e.Code, String(e.Field.DiagColumn)))
                .ToList(),
            JobName = String("jobname"),
            NEvents = Long("nevents"),
            ProdDBlock = String("proddblock"),
            DestinationDBlock = String("destinationdblock"),
            Columns = keepColumns ? ReadColumns() : null,
        };
    }

    private Dictionary<string, object?> ReadColumns()
    {
        var columns = new Dictionary<string, object?>(PandaJobColumns.All.Count, StringComparer.Ordinal);
        foreach (var name in PandaJobColumns.All)
        {
            var ordinal = _ordinals[name];
            columns[name] = reader.IsDBNull(ordinal)
                ? null
                : reader.GetValue(ordinal) switch
                {
                    string text => text.TrimEnd(),
                    DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
                    var value => value,
                };
        }

        return columns;
    }

    private string? String(string column) =>
        reader.IsDBNull(_ordinals[column]) ? null : reader.GetString(_ordinals[column]).TrimEnd();

    private long? Long(string column) =>
        reader.IsDBNull(_ordinals[column]) ? null : Convert.ToInt64(reader.GetValue(_ordinals[column]));

    private int? Int(string column) =>
        reader.IsDBNull(_ordinals[column]) ? null : Convert.ToInt32(reader.GetValue(_ordinals[column]));

    private DateTime? Time(string column)
    {
        if (reader.IsDBNull(_ordinals[column]))
        {
            return null;
        }

        var value = DateTime.SpecifyKind(reader.GetDateTime(_ordinals[column]), DateTimeKind.Utc);
        return value < Unset ? null : value;
    }
}
