namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>
/// Waits for a condition a test needs, asking again every <c>interval</c>: the wait ends as soon as it holds, and
/// a loaded machine only makes it longer, never wrong. The bound is generous because it only matters on failure.
/// </summary>
public static class Poll
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Until <paramref name="condition"/> is true; fails naming <paramref name="what"/> after the
    /// bound.</summary>
    public static async Task UntilAsync(string what, Func<Task<bool>> condition, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not come true within {Bound.TotalSeconds:N0} s");
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(100));
        }
    }
}
