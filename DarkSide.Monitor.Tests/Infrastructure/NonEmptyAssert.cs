namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>Assert.All passes on an empty collection; a check over every item first checks there are items.</summary>
public static class NonEmptyAssert
{
    public static void AssertEvery<T>(IEnumerable<T> items, Action<T> check)
    {
        var list = items.ToList();
        Assert.NotEmpty(list);
        Assert.All(list, check);
    }
}
