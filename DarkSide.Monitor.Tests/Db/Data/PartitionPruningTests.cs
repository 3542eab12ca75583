using System.Text.Json;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Db.Data;

/// <summary>
/// The time window sits on jobsarchived4's partition key, so PostgreSQL reads only the months it covers.
/// </summary>
[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed class PartitionPruningTests(SeededPandaFixture fixture)
{
    private async Task<List<string>> PlannedRelationsAsync(string query)
    {
        await using var command = fixture
            .CreateSqlBuilder()
            .CountCommand(fixture.Parse(query), SeededPandaFixture.NotBlind, explain: true);
        await using var connection = await fixture.Database.Reader.OpenConnectionAsync();
        command.Connection = connection;
        using var plan = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!);
        var relations = new List<string>();
        Collect(plan.RootElement, relations);
        return relations;
    }

    private static void Collect(JsonElement element, List<string> relations)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "Relation Name")
                {
                    relations.Add(property.Value.GetString()!);
                }

                Collect(property.Value, relations);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, relations);
            }
        }
    }

    [Fact]
    public async Task DateRange_ReadsOnlyTheMonthItCovers()
    {
        var relations = await PlannedRelationsAsync("date_from=2026-06-12&date_to=2026-06-14&jobstatus=failed");

        Assert.Contains("jobsarchived4_p2026_06", relations);
        Assert.DoesNotContain(
            relations,
            r => r.StartsWith("jobsarchived4_", StringComparison.Ordinal) && r != "jobsarchived4_p2026_06"
        );
        Assert.DoesNotContain("jobsarchived", relations);
    }

    [Fact]
    public async Task RecentWindow_SkipsEarlierMonths_AndTheArchiveSchema()
    {
        var relations = await PlannedRelationsAsync("hours=12");

        Assert.Contains("jobsarchived4_p2026_06", relations);
        Assert.DoesNotContain(relations, r => r.StartsWith("jobsarchived4_p2026_05", StringComparison.Ordinal));
        Assert.DoesNotContain("jobsarchived", relations);
    }
}
