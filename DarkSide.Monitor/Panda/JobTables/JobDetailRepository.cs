using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DarkSide.Monitor.Panda.JobTables;

/// <summary>
/// Reads one job with its history, files, attempts and errors. Whether the job's blind-only values may be shown is
/// decided once (from the redacted list row) and passed to every statement as @redact, so they never leave PostgreSQL.
/// </summary>
public sealed class JobDetailRepository(
    PandaDatabase panda,
    JobSqlBuilder sql,
    IOptions<PandaOptions> options,
    PandaSchema tables
) : IJobDetailReader
{
    private string S => options.Value.Schema;

    private string[] JobTables =>
        new[]
        {
            PandaTable.JobsDefined4,
            PandaTable.JobsWaiting4,
            PandaTable.JobsActive4,
            PandaTable.JobsArchived4,
            PandaTable.ArchivedJobs,
        }
            .Where(tables.Has)
            .Select(tables.QualifiedName)
            .ToArray();

    public async Task<JobDetail?> GetAsync(
        long pandaId,
        ViewerAccess viewer,
        DateTime nowUtc,
        CancellationToken cancellationToken
    )
    {
        var query = JobQuery.ForPandaId(pandaId, nowUtc);
        JobListRowReader? map = null;
        var job = (
            await panda.ReadAllAsync(
                sql.PageCommand(query, viewer),
                reader => (map ??= new JobListRowReader((NpgsqlDataReader)reader, viewer)).Read(),
                cancellationToken
            )
        ).FirstOrDefault();

        if (job is null)
        {
            return null;
        }

        var redact = job.IsRedacted;
        var fields = await ReadFieldsAsync(pandaId, redact, cancellationToken);
        var states = await ReadStatesAsync(job, nowUtc, cancellationToken);
        var files = await ReadFilesAsync(pandaId, redact, cancellationToken);
        var attempts = await ReadAttemptsAsync(job, cancellationToken);
        var errors = await DescribeErrorsAsync(job, cancellationToken);
        var admin = viewer.IsAdmin;
        var parameters =
            admin && tables.Has(PandaTable.JobParameters)
                ? await ReadTextAsync(
                    $"SELECT jobparameters FROM {S}.jobparamstable WHERE pandaid = @id",
                    pandaId,
                    redact,
                    cancellationToken
                )
                : null;
        var metadata =
            admin && tables.Has(PandaTable.Metadata)
                ? await ReadTextAsync(
                    $"SELECT metadata FROM {S}.metatable WHERE pandaid = @id",
                    pandaId,
                    redact,
                    cancellationToken
                )
                : null;
        var notices = tables.NoticesFor([
            PandaTable.StatusLog,
            PandaTable.Files,
            PandaTable.RetryHistory,
            PandaTable.ErrorDescriptions,
            PandaTable.ArchivedJobs,
            .. admin ? [PandaTable.JobParameters, PandaTable.Metadata] : Array.Empty<PandaTable>(),
        ]);
        return new JobDetail(job, fields, states, files, attempts, errors, parameters, metadata) { Notices = notices };
    }

    private async Task<IReadOnlyList<JobColumnValue>> ReadFieldsAsync(
        long pandaId,
        bool redact,
        CancellationToken cancellationToken
    )
    {
        var columns = PandaJobColumns.All;
        var projection = string.Join(
            ", ",
            columns.Select(c =>
                BlindDataPolicy.BlindOnlyJobColumns.Contains(c)
                    ? $"CASE WHEN @redact THEN NULL ELSE j.{c}::text END AS {c}"
                    : $"j.{c}::text AS {c}"
            )
        );
        var union = string.Join(
            " UNION ALL ",
            JobTables.Select((t, i) => $"SELECT {i} AS preference, {projection} FROM {t} j WHERE j.pandaid = @id")
        );
        var rows = await panda.ReadAllAsync(
            SqlParameterBag.Command(
                $"SELECT * FROM ({union}) jobs ORDER BY preference LIMIT 1",
                ("id", pandaId),
                ("redact", redact)
            ),
            reader =>
                columns
                    .Select(
                        (c, i) =>
                            new JobColumnValue(
                                c,
                                reader.IsDBNull(i + 1) ? null : reader.GetString(i + 1).TrimEnd(),
                                redact && BlindDataPolicy.BlindOnlyJobColumns.Contains(c)
                            )
                    )
                    .ToList(),
            cancellationToken
        );
        return rows.FirstOrDefault() ?? [];
    }

    private async Task<IReadOnlyList<JobStateSpan>> ReadStatesAsync(
        JobListRow job,
        DateTime nowUtc,
        CancellationToken cancellationToken
    )
    {
        if (!tables.Has(PandaTable.StatusLog))
        {
            return [];
        }

        var entries = await panda.ReadAllAsync(
            SqlParameterBag.Command(
                $"SELECT modificationtime, jobstatus, modificationhost FROM {S}.jobs_statuslog WHERE pandaid = @id "
                    + "ORDER BY modificationtime",
                ("id", job.PandaId)
            ),
            reader =>
                (
                    At: DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc),
                    Status: reader.GetString(1),
                    Host: Text(reader, 2)
                ),
            cancellationToken
        );

        // A state lasts until the next one; the current state of an unfinished job lasts until now.
        return entries
            .Select(
                (e, i) =>
                    new JobStateSpan(
                        e.Status,
                        e.At,
                        i + 1 < entries.Count ? entries[i + 1].At - e.At
                            : PandaJobStatus.IsFinal(e.Status) ? TimeSpan.Zero
                            : nowUtc - e.At,
                        e.Host
                    )
            )
            .ToList();
    }

    private async Task<IReadOnlyList<JobFile>> ReadFilesAsync(
        long pandaId,
        bool redact,
        CancellationToken cancellationToken
    )
    {
        if (!tables.Has(PandaTable.Files))
        {
            return [];
        }

        return await panda.ReadAllAsync(
            SqlParameterBag.Command(
                "SELECT type, CASE WHEN @redact THEN NULL ELSE lfn END, CASE WHEN @redact THEN NULL ELSE dataset END, "
                    + $"status, fsize, attemptnr FROM {S}.filestable4 WHERE pandaid = @id ORDER BY type, row_id",
                ("id", pandaId),
                ("redact", redact)
            ),
            reader => new JobFile(
                Text(reader, 0),
                Text(reader, 1),
                Text(reader, 2),
                Text(reader, 3),
                reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetInt16(5)
            ),
            cancellationToken
        );
    }

    /// <summary>Attempts at the same work: the same task and job name (BigPanDA's retry view), with retry-history
    /// links.</summary>
    private async Task<IReadOnlyList<JobAttempt>> ReadAttemptsAsync(JobListRow job, CancellationToken cancellationToken)
    {
        if (job.JediTaskId is not { } task)
        {
            return [];
        }

        var union = string.Join(
            " UNION ALL ",
            JobTables.Select(t =>
                $"SELECT j.pandaid, j.attemptnr, j.jobstatus, j.modificationtime FROM {t} j, me WHERE j.jeditaskid "
                + $"= me.jeditaskid AND j.jobname = me.jobname"
            )
        );
        var me = string.Join(
            " UNION ALL ",
            JobTables.Select(t => $"SELECT jeditaskid, jobname FROM {t} WHERE pandaid = @id")
        );
        var history = tables.Has(PandaTable.RetryHistory);
        var relation = history
            ? "CASE WHEN r.newpandaid = @id THEN 'retried from this one' WHEN r.oldpandaid = @id THEN 'retry of "
                + "this one' END"
            : "NULL::text";
        var join = history
            ? $"""
                LEFT JOIN {S}.jedi_job_retry_history r ON r.jeditaskid = @task
                     AND ((r.oldpandaid = a.pandaid AND r.newpandaid = @id) OR (r.newpandaid = a.pandaid AND
                         r.oldpandaid = @id))
                """
            : "";
        var attempts = await panda.ReadAllAsync(
            SqlParameterBag.Command(
                $"""
                WITH me AS (SELECT * FROM ({me}) m LIMIT 1)
                SELECT DISTINCT ON (a.pandaid) a.pandaid, a.attemptnr, a.jobstatus, a.modificationtime, {relation}
                FROM ({union}) a
                {join}
                ORDER BY a.pandaid
                """,
                ("id", job.PandaId),
                ("task", task)
            ),
            reader => new JobAttempt(
                reader.GetInt64(0),
                reader.GetInt16(1),
                reader.GetString(2),
                DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc),
                Text(reader, 4)
            ),
            cancellationToken
        );

        return attempts.OrderBy(a => a.AttemptNr).ThenBy(a => a.PandaId).ToList();
    }

    private async Task<IReadOnlyList<JobErrorDetail>> DescribeErrorsAsync(
        JobListRow job,
        CancellationToken cancellationToken
    )
    {
        var details = new List<JobErrorDetail>();
        foreach (var error in job.Errors)
        {
            var field = ErrorFields.All.Single(e => e.Component == error.Component);
            string? described = null;
            if (tables.Has(PandaTable.ErrorDescriptions))
            {
                described =
                    await panda.ScalarAsync(
                        SqlParameterBag.Command(
                            $"SELECT description FROM {S}.error_descriptions WHERE component = @component "
                                + "AND code = @code ORDER BY id LIMIT 1",
                            ("component", JobSqlBuilder.DescriptionComponent(error.Component)),
                            ("code", error.Code)
                        ),
                        cancellationToken
                    ) as string;
            }

            var description = described ?? (error.Component == "pilot" ? PilotErrorCodes.Describe(error.Code) : null);
            details.Add(
                new JobErrorDetail(error.Component, field.CodeColumn, error.Code, error.Diagnostic, description)
            );
        }

        return details;
    }

    private async Task<string?> ReadTextAsync(
        string select,
        long pandaId,
        bool redact,
        CancellationToken cancellationToken
    )
    {
        if (redact)
        {
            return null;
        }

        return await panda.ScalarAsync(
                SqlParameterBag.Command(select + " ORDER BY modificationtime DESC LIMIT 1", ("id", pandaId)),
                cancellationToken
            ) as string;
    }

    private static string? Text(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
