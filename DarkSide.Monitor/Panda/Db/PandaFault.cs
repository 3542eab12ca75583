using System.Net.Sockets;
using Npgsql;

namespace DarkSide.Monitor.Panda.Db;

/// <summary>
/// What went wrong with a PanDA query, in words a page may show: transient faults (unreachable, slow, restarting)
/// are worth retrying; permanent ones (a table or column that does not exist, a permission or type problem) are not,
/// and name the database object. The text never quotes the exception's data, only PostgreSQL's object names.
/// </summary>
public sealed record PandaFault(bool Permanent, string Message)
{
    // undefined_table, undefined_column, insufficient_privilege, datatype_mismatch, undefined_function,
    // invalid_schema_name, undefined_object: the schema or the grants differ from what the monitor reads.
    private static readonly HashSet<string> PermanentStates =
    [
        "42P01",
        "42703",
        "42501",
        "42804",
        "42883",
        "3F000",
        "42704",
    ];

    public static PandaFault Classify(Exception e) =>
        e switch
        {
            TimeoutException or NpgsqlException { InnerException: TimeoutException } => new(
                false,
                "The PanDA database did not answer in time."
            ),
            NpgsqlException { InnerException: SocketException } or SocketException => new(
                false,
                "The PanDA database cannot be reached."
            ),
            PostgresException { SqlState: "57P01" or "57P02" or "57P03" } => new(
                false,
                "The PanDA database is shutting down or starting up."
            ),
            // Class 22, data exception (a value out of range, a division by zero): asking again gives the same
            // answer. PostgreSQL's text may quote the value, so it is not shown.
            PostgresException p when p.SqlState.StartsWith("22", StringComparison.Ordinal) => new(
                true,
                $"The PanDA database cannot take a value of this view's request (PostgreSQL error {p.SqlState}); "
                    + "not retried. Check the window and the filters."
            ),
            PostgresException p when PermanentStates.Contains(p.SqlState) => new(
                true,
                $"The PanDA database cannot answer this view: {p.MessageText}. "
                    + "This is a schema or permission problem, not retried; the monitor's startup check lists what "
                    + "it needs."
            ),
            NpgsqlException => new(false, "The PanDA database refused this query."),
            _ => new(false, "The monitor could not read this view; the server log has the details."),
        };
}
