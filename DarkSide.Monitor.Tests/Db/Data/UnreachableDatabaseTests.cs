using System.Threading.Channels;
using DarkSide.Monitor.Tests.Infrastructure;
using DarkSide.Monitor.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DarkSide.Monitor.Tests.Db.Data;

/// <summary>
/// A job list whose database is not there: the page gets a message naming the problem, not an exception.
/// </summary>
[Trait("Kind", "Db")]
[Collection(Infrastructure.SeededPandaCollection.Name)]
public sealed class UnreachableDatabaseTests(Infrastructure.SeededPandaFixture fixture)
{
    [Fact]
    public async Task JobList_WithTheDatabaseDown_ReportsItAndKeepsRetrying()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var nowhere = NpgsqlDataSource.Create(
            $"Host=127.0.0.1;Port={port};Username=x;Database=x;Timeout=2"
        );
        var repository = new DarkSide.Monitor.Panda.JobTables.JobRepository(
            new DarkSide.Monitor.Panda.Db.PandaDatabase(nowhere),
            fixture.CreateSqlBuilder(),
            Microsoft.Extensions.Options.Options.Create(fixture.ListOptions),
            NullLogger<DarkSide.Monitor.Panda.JobTables.JobRepository>.Instance,
            new NoJobSummaryRollups()
        );
        using var hub = new LiveRefreshHub(
            TimeProvider.System,
            NullLogger<LiveRefreshHub>.Instance,
            TestMetrics.Create()
        );
        var options = new DarkSide.Monitor.Web.Live.LiveOptions { RefreshSeconds = 1 };
        var live = new DarkSide.Monitor.Features.JobList.JobListLive(hub, repository, options, TimeProvider.System);
        var updates = Channel.CreateUnbounded<LiveState<DarkSide.Monitor.Features.JobList.JobListSnapshot>>();

        var query = new DarkSide.Monitor.Web.Query.JobQueryParser(new DarkSide.Monitor.Panda.Query.JobListOptions())
            .Parse(
                new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["hours"] = "1" },
                DateTime.UtcNow
            )
            .Query!;
        using var subscription = live.Subscribe(
            query,
            [new("hours", "1")],
            Infrastructure.SeededPandaFixture.NotBlind,
            s => updates.Writer.WriteAsync(s).AsTask()
        );

        var first = await updates.Reader.ReadAsync();
        var second = await updates.Reader.ReadAsync();
        Assert.Equal("The PanDA database cannot be reached.", first.Problem);
        Assert.Null(first.Value);
        Assert.True(second.Version > first.Version);
    }
}
