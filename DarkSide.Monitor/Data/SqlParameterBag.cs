using Npgsql;
using NpgsqlTypes;

namespace DarkSide.Monitor.Data;

/// <summary>Collects values for one statement and hands out their placeholders: values never enter SQL text.</summary>
public sealed class SqlParameterBag
{
    private readonly List<NpgsqlParameter> _parameters = [];

    public IReadOnlyList<NpgsqlParameter> Parameters => _parameters;

    public string Add(object value, NpgsqlDbType? type = null)
    {
        var name = $"p{_parameters.Count}";
        var parameter = type is null
            ? new NpgsqlParameter(name, value)
            : new NpgsqlParameter(name, type.Value) { Value = value };
        _parameters.Add(parameter);
        return "@" + name;
    }

    /// <summary>PanDA's timestamps are "timestamp without time zone" holding UTC.</summary>
    public string AddTimestamp(DateTime utc) =>
        Add(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp);

    public NpgsqlCommand ToCommand(string sql)
    {
        var command = new NpgsqlCommand(sql);
        foreach (var parameter in _parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        return command;
    }

    /// <summary>
    /// A fixed statement whose SQL names its values (<c>@id</c>): the app's one way to build a command, whether its
    /// SQL is fixed (here) or built from a query's filters (<see cref="Add"/>). A null value is sent as SQL NULL.
    /// </summary>
    public static NpgsqlCommand Command(string sql, params (string Name, object? Value)[] values)
    {
        var command = new NpgsqlCommand(sql);
        foreach (var (name, value) in values)
        {
            command.Parameters.Add(
                value is TypedValue typed
                    ? new NpgsqlParameter(name, typed.Type) { Value = typed.Value ?? DBNull.Value }
                    : new NpgsqlParameter(name, value ?? DBNull.Value)
            );
        }

        return command;
    }

    /// <summary>A value with its SQL type, for a NULL whose type PostgreSQL cannot tell from the statement.</summary>
    public static TypedValue Typed(object? value, NpgsqlDbType type) => new(value, type);

    /// <summary>A value for PanDA's "timestamp without time zone" columns, which hold UTC.</summary>
    public static TypedValue Timestamp(DateTime utc) =>
        new(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp);

    public sealed record TypedValue(object? Value, NpgsqlDbType Type);
}
