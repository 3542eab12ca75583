using Npgsql;

namespace DarkSide.Monitor.Data;

/// <summary>The read-only connection to PanDA's tables (ConnectionStrings:Panda).</summary>
public sealed class PandaDatabase(NpgsqlDataSource dataSource)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;
}

/// <summary>The connection to the monitor's own schema (ConnectionStrings:Monitor).</summary>
public sealed class MonitorDatabase(NpgsqlDataSource dataSource)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;
}
