using DarkSide.Monitor.Tests.EndToEnd;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer(
    "DarkSide.Monitor.Tests.Infrastructure.LongCollectionsFirst",
    "DarkSide.Monitor.Tests"
)]

namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>
/// xUnit runs two collections at a time (2 cores) and starts them in this order. The two collections of browser
/// tests are the longest (the monitor server's about 6 minutes, the sign-in's about 3): they start first, and the
/// many small classes fill the freed slot after the shorter one, so neither slot idles at the end while one long
/// collection finishes alone. Measured with the suite's TRX timings (the monitor server's tests began after two
/// minutes of small classes: 8 m 27 s; with it first 7 m 52 s); the order of the others is xUnit's.
/// </summary>
public sealed class LongCollectionsFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .Select((collection, index) => (collection, index))
            .OrderBy(c => Rank(c.collection.DisplayName))
            .ThenBy(c => c.index)
            .Select(c => c.collection);

    private static int Rank(string name) =>
        name switch
        {
            MonitorServerCollection.Name => 0,
            IamSignInCollection.Name => 1,
            _ => 2,
        };
}
