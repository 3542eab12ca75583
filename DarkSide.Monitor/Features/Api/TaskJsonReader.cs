using System.Text.Json.Nodes;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Tasks;

namespace DarkSide.Monitor.Features.Api;

/// <summary>
/// BigPanDA's task JSON read from PanDA: every jedi_tasks column as JSON, with BigPanDA's derived keys, dsinfo and
/// datasets (blind rules applied in the SQL), and the task parameters of task_params.
/// </summary>
public sealed class TaskJsonReader(PandaDatabase panda, TaskSqlBuilder tasks, PandaSchema tables)
{
    /// <summary>The selection's tasks as BigPanDA's task dicts, with their datasets, under the viewer's blind
    /// rules.</summary>
    public async Task<List<JsonObject>> ReadAsync(
        TaskQuery query,
        ViewerAccess viewer,
        int limit,
        CancellationToken cancellationToken
    )
    {
        var rows = await panda.ReadAllAsync(
            tasks.JsonCommand(query, viewer, limit),
            r =>
                (
                    Task: JsonNode.Parse(r.GetString(0))!.AsObject(),
                    Blind: r.GetBoolean(1),
                    Progress: Enumerable.Range(2, 7).Select(r.GetInt64).ToArray()
                ),
            cancellationToken
        );
        var ids = rows.Select(r => r.Task["jeditaskid"]!.GetValue<long>()).ToArray();
        var datasets = (
            await panda.ReadAllAsync(
                tasks.DatasetsJsonCommand(ids, viewer),
                r => (Task: r.GetInt64(0), Dataset: JsonNode.Parse(r.GetString(1))),
                cancellationToken
            )
        ).ToLookup(d => d.Task, d => d.Dataset);
        return rows.Select(r =>
                TaskJson.From(
                    r.Task,
                    r.Blind && !viewer.CanSeeBlindData,
                    r.Progress,
                    datasets[r.Task["jeditaskid"]!.GetValue<long>()]
                )
            )
            .ToList();
    }

    /// <summary>The task's JEDI parameters (parsed when they are JSON); none when PanDA has no such table.</summary>
    public async Task<JsonNode?> TaskParamsAsync(long id, CancellationToken cancellationToken)
    {
        if (!tables.Has(PandaTable.TaskParameters))
        {
            return null;
        }

        var command = SqlParameterBag.Command(
            $"SELECT taskparams FROM {tables.QualifiedName(PandaTable.TaskParameters)} WHERE jeditaskid = @id",
            ("id", id)
        );
        var text = (
            await panda.ReadAllAsync(command, r => r.IsDBNull(0) ? null : r.GetString(0), cancellationToken)
        ).SingleOrDefault();
        try
        {
            return text is null ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
