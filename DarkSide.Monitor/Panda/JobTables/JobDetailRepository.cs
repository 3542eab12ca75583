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
)
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
        await using var connection = await panda.DataSource.OpenConnectionAsync(cancellationToken);
        JobListRow? job;
        await using (var command = sql.PageCommand(query, viewer))
        {
            command.Connection = connection;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var map = new JobListRowReader(reader, viewer);
            job = await reader.ReadAsync(cancellationToken) ? map.Read() : null;
        }

        if (job is null)
        {
            return null;
        }

        var redact = job.IsRedacted;
        var fields = await ReadFieldsAsync(connection, pandaId, redact, cancellationToken);
        var states = await ReadStatesAsync(connection, job, nowUtc, cancellationToken);
        var files = await ReadFilesAsync(connection, pandaId, redact, cancellationToken);
        var attempts = await ReadAttemptsAsync(connection, job, cancellationToken);
        var errors = await DescribeErrorsAsync(connection, job, cancellationToken);
        var admin = viewer.IsAdmin;
        var parameters =
            admin && tables.Has(PandaTable.JobParameters)
                ? await ReadTextAsync(
                    connection,
                    $"SELECT jobparameters FROM {S}.jobparamstable WHERE pandaid = @id",
                    pandaId,
                    redact,
                    cancellationToken
                )
                : null;
        var metadata =
            admin && tables.Has(PandaTable.Metadata)
                ? await ReadTextAsync(
                    connection,
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
        NpgsqlConnection connection,
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
        await using var command = new NpgsqlCommand(
            $"SELECT * FROM ({union}) jobs ORDER BY preference LIMIT 1",
            connection
        );
        command.Parameters.AddWithValue("id", pandaId);
        command.Parameters.AddWithValue("redact", redact);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return [];
        }

        return columns
            .Select(
                (c, i) =>
                    new JobColumnValue(
                        c,
                        reader.IsDBNull(i + 1) ? null : reader.GetString(i + 1).TrimEnd(),
                        redact && BlindDataPolicy.BlindOnlyJobColumns.Contains(c)
                    )
            )
            .ToList();
    }

    private async Task<IReadOnlyList<JobStateSpan>> ReadStatesAsync(
        NpgsqlConnection connection,
        JobListRow job,
        DateTime nowUtc,
        CancellationToken cancellationToken
    )
    {
        if (!tables.Has(PandaTable.StatusLog))
        {
            return [];
        }

        await using var command = new NpgsqlCommand(
            $"SELECT modificationtime, jobstatus, modificationhost FROM {S}.jobs_statuslog WHERE pandaid = @id "
                + $"ORDER BY modificationtime",
            connection
        );
        command.Parameters.AddWithValue("id", job.PandaId);
        var entries = new List<(DateTime At, string Status, string? Host)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(
                    (
                        DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc),
                        reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetString(2)
                    )
                );
            }
        }

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
        NpgsqlConnection connection,
        long pandaId,
        bool redact,
        CancellationToken cancellationToken
    )
    {
        if (!tables.Has(PandaTable.Files))
        {
            return [];
        }

        await using var command = new NpgsqlCommand(
            $"SELECT type, CASE WHEN @redact THEN NULL ELSE lfn END, CASE WHEN @redact THEN NULL ELSE dataset END, "
                + $"status, fsize, attemptnr "
                + $"FROM {S}.filestable4 WHERE pandaid = @id ORDER BY type, row_id",
            connection
        );
        command.Parameters.AddWithValue("id", pandaId);
        command.Parameters.AddWithValue("redact", redact);
        var files = new List<JobFile>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            files.Add(
                new JobFile(
                    Text(reader, 0),
                    Text(reader, 1),
                    Text(reader, 2),
                    Text(reader, 3),
                    reader.GetInt64(4),
                    reader.IsDBNull(5) ? null : reader.GetInt16(5)
                )
            );
        }

        return files;
    }

    /// <summary>Attempts at the same work: the same task and job name (BigPanDA's retry view), with retry-history
    /// links.</summary>
    private async Task<IReadOnlyList<JobAttempt>> ReadAttemptsAsync(
        NpgsqlConnection connection,
        JobListRow job,
        CancellationToken cancellationToken
    )
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
                     AND ((r.oldpandaid = a.pandaid AND r.newpandaid = @id) OR (r.newpandaid = a.pandaid AND r.oldpandaid = @id))
                """
            : "";
        await using var command = new NpgsqlCommand(
            $"""
            WITH me AS (SELECT * FROM ({me}) m LIMIT 1)
            SELECT DISTINCT ON (a.pandaid) a.pandaid, a.attemptnr, a.jobstatus, a.modificationtime, {relation}
            FROM ({union}) a
            {join}
            ORDER BY a.pandaid
            """,
            connection
        );
        command.Parameters.AddWithValue("id", job.PandaId);
        command.Parameters.AddWithValue("task", task);
        var attempts = new List<JobAttempt>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            attempts.Add(
                new JobAttempt(
                    reader.GetInt64(0),
                    reader.GetInt16(1),
                    reader.GetString(2),
                    DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc),
                    Text(reader, 4)
                )
            );
        }

        return attempts.OrderBy(a => a.AttemptNr).ThenBy(a => a.PandaId).ToList();
    }

    private async Task<IReadOnlyList<JobErrorDetail>> DescribeErrorsAsync(
        NpgsqlConnection connection,
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
                await using var command = new NpgsqlCommand(
                    $"SELECT description FROM {S}.error_descriptions WHERE component = @component AND code = @code "
                        + $"ORDER BY id LIMIT 1",
                    connection
                );
                command.Parameters.AddWithValue("component", JobSqlBuilder.DescriptionComponent(error.Component));
                command.Parameters.AddWithValue("code", error.Code);
                described = await command.ExecuteScalarAsync(cancellationToken) as string;
            }

            var description = described ?? (error.Component == "pilot" ? PilotErrorCodes.Describe(error.Code) : null);
            details.Add(
                new JobErrorDetail(error.Component, field.CodeColumn, error.Code, error.Diagnostic, description)
            );
        }

        return details;
    }

    private static async Task<string?> ReadTextAsync(
        NpgsqlConnection connection,
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

        await using var command = new NpgsqlCommand(select + " ORDER BY modificationtime DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("id", pandaId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
