using System.Globalization;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Store;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DarkSide.Monitor.Auditing;

/// <summary>The kinds of audited event.</summary>
public static class AuditActions
{
    /// <summary>
    /// A blind job's unredacted details were shown (job page) or exported (CSV, JSON) to a blind-access viewer.
    /// </summary>
    public const string BlindView = "blind-view";

    /// <summary>A signed-in user or a token was refused (not a member, not an admin).</summary>
    public const string Denied = "denied";

    /// <summary>A user signed out: the session ended and what became of the refresh token at IAM.</summary>
    public const string SignOut = "sign-out";

    /// <summary>
    /// A job list showing blind jobs unredacted to a blind-access viewer (once per view and session).
    /// </summary>
    public const string BlindList = "blind-list";

    /// <summary>A shifter or admin silenced alerts in Alertmanager from the dashboard (matchers, end, why).</summary>
    public const string Silence = "silence";

    /// <summary>A silence was expired from the dashboard.</summary>
    public const string SilenceExpired = "silence-expired";

    public static readonly IReadOnlyList<string> All = [BlindView, BlindList, Denied, SignOut, Silence, SilenceExpired];
}

public sealed record AuditEvent(
    string UserName,
    string? Subject,
    string Action,
    string Target,
    string? Detail,
    string? RemoteAddress
);

public sealed record AuditEntry(
    long Id,
    DateTime OccurredUtc,
    string UserName,
    string? Subject,
    string Action,
    string Target,
    string? Detail,
    string? RemoteAddress
);

/// <summary>
/// Writes and reads the audit trail in the monitor's schema. A failed write is logged, never shown to the user.
/// </summary>
public sealed class AuditLog(MonitorDatabase database, IOptions<MonitorStoreOptions> store, ILogger<AuditLog> logger)
    : IAuditRecorder
{
    private string Table => store.Value.Schema + ".audit_events";

    public async Task RecordAsync(AuditEvent entry, CancellationToken cancellationToken)
    {
        try
        {
            await database.ExecuteAsync(
                SqlParameterBag.Command(
                    $"INSERT INTO {Table} (user_name, subject, action, target, detail, remote_address) "
                        + "VALUES (@u, @s, @a, @t, @d, @r)",
                    ("u", entry.UserName),
                    ("s", entry.Subject),
                    ("a", entry.Action),
                    ("t", entry.Target),
                    ("d", entry.Detail),
                    ("r", entry.RemoteAddress)
                ),
                cancellationToken
            );
        }
        catch (NpgsqlException e)
        {
            logger.LogError(e, "Could not record an audit event ({Action})", entry.Action);
        }
    }

    /// <summary>The newest events first, optionally for one user (a name pattern) and one action, in a
    /// window.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, long Total)> SearchAsync(
        AuditSelection selection,
        int pageSize,
        CancellationToken cancellationToken
    )
    {
        var (user, action, page) = (selection.User, selection.Action, selection.Page);
        var users = new List<(string Name, object Value)>();
        var where =
            "WHERE occurred_at >= @from"
            + (selection.ToUtc is null ? "" : " AND occurred_at < @to")
            + (user is null ? "" : " AND " + TextPatternSql.Predicate("user_name", TextPattern.Parse(user), "u", users))
            + (action is null ? "" : " AND action = @action");
        var command = SqlParameterBag.Command(
            $"""
            SELECT id, occurred_at, user_name, subject, action, target, detail, remote_address, count(*) OVER ()
            FROM {Table} {where} ORDER BY {OrderBy(selection)} LIMIT @take OFFSET @skip
            """,
            [
                ("from", Utc(selection.FromUtc)),
                ("to", selection.ToUtc is { } to ? Utc(to) : null),
                ("take", pageSize),
                ("skip", (page - 1) * pageSize),
                ("action", action),
                .. users.Select(u => (u.Name, (object?)u.Value)),
            ]
        );
        var rows = await database.ReadAllAsync(
            command,
            reader =>
                (
                    Entry: new AuditEntry(
                        reader.GetInt64(0),
                        reader.GetDateTime(1).ToUniversalTime(),
                        reader.GetString(2),
                        Text(reader, 3),
                        reader.GetString(4),
                        reader.GetString(5),
                        Text(reader, 6),
                        Text(reader, 7)
                    ),
                    Total: reader.GetInt64(8)
                ),
            cancellationToken
        );
        var (entries, total) = (rows.Select(r => r.Entry).ToList(), rows.Count == 0 ? 0 : rows[0].Total);
        return (entries, total);
    }

    /// <summary>The ORDER BY of a selection: a column named here, never by the URL; ties newest first.</summary>
    private static string OrderBy(AuditSelection selection)
    {
        var column = selection.Order switch
        {
            AuditOrder.UserName => "user_name",
            AuditOrder.Action => "action",
            AuditOrder.RemoteAddress => "remote_address",
            _ => "occurred_at",
        };
        var direction = selection.Descending ? "DESC NULLS LAST" : "ASC NULLS LAST";
        return $"{column} {direction}, occurred_at DESC, id DESC";
    }

    private static string? Text(System.Data.Common.DbDataReader reader, int i) =>
        reader.IsDBNull(i) ? null : reader.GetString(i);

    public static string Describe(AuditEntry e) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{e.OccurredUtc:yyyy-MM-dd HH:mm:ss} {e.UserName} {e.Action} {e.Target}"
        );

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeSpan.Zero);
}

/// <summary>
/// Which events to read: a user name pattern, an action, a window (the end excluded), a page and an order (the newest
/// first unless told).
/// </summary>
public sealed record AuditSelection(string? User, string? Action, DateTime FromUtc, DateTime? ToUtc, int Page)
{
    public AuditOrder Order { get; init; } = AuditOrder.OccurredAt;

    public bool Descending { get; init; } = true;
}

/// <summary>
/// The columns the trail sorts by. Not the target or the detail: they may hold blind values that a viewer without
/// blind access sees withheld, and an order by them would tell where those values fall.
/// </summary>
public enum AuditOrder
{
    OccurredAt,
    UserName,
    Action,
    RemoteAddress,
}
