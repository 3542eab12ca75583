using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DarkSide.Monitor.Tests.Infrastructure;
using DarkSide.Monitor.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DarkSide.Monitor.Tests.Unit.Live;

[Trait("Kind", "Unit")]
public sealed class LiveRefreshHubTests : IDisposable
{
    private readonly LiveRefreshHub _hub = new(
        TimeProvider.System,
        NullLogger<LiveRefreshHub>.Instance,
        TestMetrics.Create()
    );
    private int _reads;

    private sealed record Reading(int Number);

    private async IAsyncEnumerable<Reading> ReadAsync(
        Reading? previous,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        yield return new Reading(Interlocked.Increment(ref _reads));
    }

    private static (Channel<LiveState<Reading>> Channel, Func<LiveState<Reading>, Task> OnUpdate) Collector()
    {
        var channel = Channel.CreateUnbounded<LiveState<Reading>>();
        return (channel, state => channel.Writer.WriteAsync(state).AsTask());
    }

    [Fact]
    public async Task TwoViewersOfTheSameView_ShareOneRefresh()
    {
        var (first, onFirst) = Collector();
        var (second, onSecond) = Collector();

        using var a = _hub.Subscribe<Reading>("jobs?x=1", TimeSpan.FromHours(1), ReadAsync, onFirst);
        var firstState = await first.Reader.ReadAsync();
        using var b = _hub.Subscribe<Reading>("jobs?x=1", TimeSpan.FromHours(1), ReadAsync, onSecond);
        var secondState = await second.Reader.ReadAsync();

        Assert.Same(firstState.Value, secondState.Value);
        Assert.Equal(1, _reads);
        Assert.Equal(1, _hub.FeedCount);
    }

    [Fact]
    public async Task ASlowViewer_DoesNotHoldUpTheOthers()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowViewerReleased = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowViewerGotIt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async IAsyncEnumerable<Reading> GatedAsync(Reading? previous, [EnumeratorCancellation] CancellationToken ct)
        {
            await gate.Task.WaitAsync(ct);
            yield return new Reading(Interlocked.Increment(ref _reads));
        }

        var (fast, onFast) = Collector();
        using var slow = _hub.Subscribe<Reading>(
            "jobs?x=9",
            TimeSpan.FromHours(1),
            GatedAsync,
            async _ =>
            {
                slowViewerGotIt.TrySetResult();
                await slowViewerReleased.Task;
            }
        );
        using var quick = _hub.Subscribe<Reading>("jobs?x=9", TimeSpan.FromHours(1), GatedAsync, onFast);
        gate.SetResult();

        await slowViewerGotIt.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var delivered = await fast.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, delivered.Value!.Number);
        Assert.False(slowViewerReleased.Task.IsCompleted);
        slowViewerReleased.SetResult();
    }

    [Fact]
    public async Task DifferentViews_AreRefreshedSeparately_AndStopWithTheirLastViewer()
    {
        var (first, onFirst) = Collector();
        var (second, onSecond) = Collector();
        var a = _hub.Subscribe<Reading>("jobs?x=1", TimeSpan.FromHours(1), ReadAsync, onFirst);
        var b = _hub.Subscribe<Reading>("jobs?x=2", TimeSpan.FromHours(1), ReadAsync, onSecond);
        await first.Reader.ReadAsync();
        await second.Reader.ReadAsync();
        Assert.Equal(2, _hub.FeedCount);

        a.Dispose();
        Assert.Equal(1, _hub.FeedCount);
        b.Dispose();
        Assert.Equal(0, _hub.FeedCount);
    }

    [Fact]
    public async Task Refresh_RepeatsAfterTheInterval()
    {
        var (updates, onUpdate) = Collector();

        using var subscription = _hub.Subscribe<Reading>("jobs", TimeSpan.FromMilliseconds(20), ReadAsync, onUpdate);

        Assert.Equal(1, (await updates.Reader.ReadAsync()).Value!.Number);
        Assert.Equal(2, (await updates.Reader.ReadAsync()).Value!.Number);
        Assert.Equal(3, (await updates.Reader.ReadAsync()).Version);
    }

    [Fact]
    public async Task MissingTable_IsNamedOnce_AndNotAskedForAgain()
    {
        var attempts = 0;
        async IAsyncEnumerable<Reading> Missing(
            Reading? previous,
            [EnumeratorCancellation] CancellationToken cancellationToken
        )
        {
            await Task.Yield();
            Interlocked.Increment(ref attempts);
            throw new PostgresException(
                "relation \"doma_pandaarch.jobsarchived\" does not exist",
                "ERROR",
                "ERROR",
                "42P01"
            );
#pragma warning disable CS0162 // an iterator needs a yield to be one
            yield break;
#pragma warning restore CS0162
        }

        var (updates, onUpdate) = Collector();
        using var subscription = _hub.Subscribe<Reading>("jobs", TimeSpan.FromMilliseconds(20), Missing, onUpdate);
        var state = await updates.Reader.ReadAsync();
        // A healthy view on the same hub and interval refreshes ten times meanwhile: a retry would have come by then.
        var (healthy, onHealthy) = Collector();
        using (_hub.Subscribe<Reading>("other", TimeSpan.FromMilliseconds(20), ReadAsync, onHealthy))
        {
            for (var i = 0; i < 10; i++)
            {
                await healthy.Reader.ReadAsync();
            }
        }

        Assert.StartsWith(
            "The PanDA database cannot answer this view: relation \"doma_pandaarch.jobsarchived\" does not exist.",
            state.Problem,
            StringComparison.Ordinal
        );
        Assert.Contains("not retried", state.Problem, StringComparison.Ordinal);
        Assert.Equal(1, Volatile.Read(ref attempts));
    }

    [Fact]
    public async Task DatabaseDown_KeepsTheLastGoodValue_SaysWhy_AndRecoversAlone()
    {
        var failing = false;
        async IAsyncEnumerable<Reading> Flaky(
            Reading? previous,
            [EnumeratorCancellation] CancellationToken cancellationToken
        )
        {
            await Task.Yield();
            if (Volatile.Read(ref failing))
            {
                throw new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111));
            }

            yield return new Reading(Interlocked.Increment(ref _reads));
        }

        var (updates, onUpdate) = Collector();
        using var subscription = _hub.Subscribe<Reading>("jobs", TimeSpan.FromMilliseconds(20), Flaky, onUpdate);
        var good = await updates.Reader.ReadAsync();
        Volatile.Write(ref failing, true);

        LiveState<Reading> down;
        do
        {
            down = await updates.Reader.ReadAsync();
        } while (down.Problem is null);

        Assert.Equal("The PanDA database cannot be reached.", down.Problem);
        Assert.NotNull(down.Value);
        Assert.True(down.UpdatedUtc >= good.UpdatedUtc);
        Volatile.Write(ref failing, false);
        LiveState<Reading> back;
        do
        {
            back = await updates.Reader.ReadAsync();
        } while (back.Problem is not null);

        Assert.True(back.Value!.Number > down.Value!.Number);
    }

    public void Dispose() => _hub.Dispose();
}
