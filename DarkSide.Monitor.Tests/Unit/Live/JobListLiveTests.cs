using System.Threading.Channels;
using DarkSide.Monitor.Features.JobList;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Tests.Infrastructure;
using DarkSide.Monitor.Web.Live;
using DarkSide.Monitor.Web.Query;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;

namespace DarkSide.Monitor.Tests.Unit.Live;

/// <summary>
/// The live job list refreshes its rows every interval and its summaries at their own, slower cadence.
/// </summary>
[Trait("Kind", "Unit")]
public sealed class JobListLiveTests : IDisposable
{
    private readonly LiveRefreshHub _hub = new(
        TimeProvider.System,
        NullLogger<LiveRefreshHub>.Instance,
        TestMetrics.Create()
    );

    [Fact]
    public async Task RowsRefreshEachInterval_SummariesOnlyOncePer30Seconds()
    {
        var options = new DarkSide.Monitor.Web.Live.LiveOptions { RefreshSeconds = 1 };
        var reader = new FakeJobListReader { Page = _ => FakeRows.Page(FakeRows.Defined(4_000_030)) };
        var live = new JobListLive(_hub, reader, options, new FixedTime());
        var query = new JobQueryParser(new JobListOptions())
            .Parse(QueryHelpers.ParseQuery("?hours=1"), FakeRows.Now)
            .Query!;
        var updates = Channel.CreateUnbounded<LiveState<JobListSnapshot>>();

        using var subscription = live.Subscribe(
            query,
            [new("hours", "1")],
            SeededPandaFixture.NotBlind,
            s => updates.Writer.WriteAsync(s).AsTask()
        );
        var states = new List<LiveState<JobListSnapshot>>();
        while (reader.Asked.Count < 3)
        {
            states.Add(await updates.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20)));
        }

        Assert.Equal(1, reader.SummaryReads);
        var last = await updates.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotNull(last.Value!.Summary);
        Assert.Equal(FakeRows.Now, last.Value.SummaryUtc);
    }

    [Fact]
    public async Task SummariesServedFromRollups_RefreshWithTheRows()
    {
        var options = new DarkSide.Monitor.Web.Live.LiveOptions { RefreshSeconds = 1 };
        var reader = new FakeJobListReader
        {
            Page = _ => FakeRows.Page(FakeRows.Defined(4_000_030)),
            Summary = new([], []) { RolledUpHours = TimeSpan.FromHours(23) },
        };
        var live = new JobListLive(_hub, reader, options, new FixedTime());
        var query = new JobQueryParser(new JobListOptions())
            .Parse(QueryHelpers.ParseQuery("?hours=24"), FakeRows.Now)
            .Query!;
        var updates = Channel.CreateUnbounded<LiveState<JobListSnapshot>>();

        using var subscription = live.Subscribe(
            query,
            [new("hours", "24")],
            SeededPandaFixture.NotBlind,
            s => updates.Writer.WriteAsync(s).AsTask()
        );
        while (reader.Asked.Count < 3)
        {
            await updates.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        }

        Assert.InRange(reader.SummaryReads, 2, 3);
    }

    public void Dispose() => _hub.Dispose();
}
