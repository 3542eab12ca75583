using DarkSide.Monitor.Tests.EndToEnd;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer(
    "DarkSide.Monitor.Tests.Infrastructure.LongCollectionsFirst",
    "DarkSide.Monitor.Tests"
)]

namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>
/// xUnit runs two collections at a time (2 cores) and starts them in this order. The browser tests of the monitor
/// server are the longest run of one collection (about 5½ minutes): started first, the rest fill the other slot
/// around them (the sign-in collection, the second longest, last), so no slot idles at the end while one collection
/// finishes alone. Measured with the suite's TRX timings; the order of the others is xUnit's.
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
            IamSignInCollection.Name => 2,
            _ => 1,
        };
}
