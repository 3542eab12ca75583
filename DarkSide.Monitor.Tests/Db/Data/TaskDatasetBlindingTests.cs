using System.Text.Json.Nodes;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Tests.Infrastructure;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace DarkSide.Monitor.Tests.Db.Data;

/// <summary>
/// A blind task's datasets in BigPanDA's task JSON (/task/N/?json, /tasks/?json): a viewer without blind access gets
/// every key, but values only for the allow-listed columns, with every jedi_datasets column filled as real JEDI
/// fills them (the demo leaves several NULL, which would hide a leak).
/// </summary>
[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class TaskDatasetBlindingTests(SeededPandaFixture fixture)
{
    private const long DatasetId = 990_000_001;

    /// <summary>What names a blind dataset or tells how much of it was processed (docs/panda-data.md, "Tasks and
    /// datasets").</summary>
    private static readonly string[] BlindOnly =
    [
        "datasetname",
        "containername",
        "nevents",
        "neventstobeused",
        "neventsused",
        "attributes",
    ];

    private PandaTestDatabase Db => fixture.Database;

    [Fact]
    public async Task BlindTaskDatasets_WithEveryColumnFilled_ShowOnlyAllowListedValues_WithoutBlindAccess()
    {
        var task = await Db.ScalarAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jedi_datasets WHERE datasetname LIKE 'blind:%' ORDER BY 1 LIMIT 1"
        );
        var columns = await Db.ColumnAsync<string>(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'doma_panda' "
                + "AND table_name = 'jedi_datasets' ORDER BY ordinal_position"
        );
        var types = await Db.ColumnAsync<string>(
            "SELECT data_type FROM information_schema.columns WHERE table_schema = 'doma_panda' "
                + "AND table_name = 'jedi_datasets' ORDER BY ordinal_position"
        );
        // A value no other column has, so a withheld one cannot hide behind an allowed one.
        var values = columns
            .Select((c, i) => (Column: c, Sql: Filled(c, types[i], i, task)))
            .ToDictionary(v => v.Column, v => v.Sql);
        await Db.ExecuteAsync(
            $"INSERT INTO doma_panda.jedi_datasets ({string.Join(", ", columns)}) "
                + $"VALUES ({string.Join(", ", columns.Select(c => values[c]))})"
        );
        try
        {
            var withheld = await ReadAsync(task, SeededPandaFixture.NotBlind);
            var seen = await ReadAsync(task, SeededPandaFixture.Blind);

            Assert.Equal(columns.Count, withheld.Count);
            foreach (var column in columns)
            {
                Assert.NotNull(seen[column]);
                if (BlindOnly.Contains(column))
                {
                    Assert.True(withheld[column] is null, $"{column} of a blind task's dataset was shown");
                }
                else
                {
                    // Counters, states and places stay: the task page's progress needs them.
                    Assert.Equal(seen[column]!.ToJsonString(), withheld[column]?.ToJsonString());
                }
            }

            Assert.Subset(columns.ToHashSet(), BlindOnly.ToHashSet());
        }
        finally
        {
            await Db.ExecuteAsync(
                "DELETE FROM doma_panda.jedi_datasets WHERE jeditaskid = @t AND datasetid = @d",
                ("t", task),
                ("d", DatasetId)
            );
        }
    }

    private async Task<JsonObject> ReadAsync(long task, ViewerAccess viewer)
    {
        var builder = new TaskSqlBuilder(
            MsOptions.Create(Db.Options),
            new BlindDataPolicy(
                MsOptions.Create(new BlindingOptions()),
                MsOptions.Create(Db.Options),
                PandaTestDatabase.Unchecked(Db)
            )
        );
        var rows = await new PandaDatabase(Db.Reader).ReadAllAsync(
            builder.DatasetsJsonCommand([task], viewer),
            r => r.GetString(1),
            CancellationToken.None
        );
        return rows.Select(r => JsonNode.Parse(r)!.AsObject()).Single(o => (long)o["datasetid"]! == DatasetId);
    }

    private static string Filled(string column, string type, int i, long task) =>
        column switch
        {
            "jeditaskid" => task.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "datasetid" => DatasetId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "datasetname" => "'blind:blind.ds20k.sentinel.raw'",
            "type" => "'input'",
            _ when type.StartsWith("timestamp", StringComparison.Ordinal) =>
                $"timestamp '2026-06-{1 + i % 28:00} 01:02:03'",
            _ when type is "bigint" or "integer" or "numeric" => (91_000_000 + i).ToString(
                System.Globalization.CultureInfo.InvariantCulture
            ),
            _ => $"'s{i}'",
        };
}
