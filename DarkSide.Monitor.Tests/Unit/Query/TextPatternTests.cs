using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Tests.Unit.Query;

[Trait("Kind", "Unit")]
public sealed class TextPatternTests
{
    [Theory]
    [InlineData("CNAF*", "CNAF%")]
    [InlineData("*DS_1*", @"%DS\_1%")]
    [InlineData("100%*", @"100\%%")]
    [InlineData(@"a\b*", @"a\\b%")]
    public void ToLikePattern_EscapesLikeWildcardsAndMapsStar(string term, string expected)
    {
        Assert.Equal(expected, TextCondition.Parse(term).ToLikePattern());
    }

    [Theory]
    [InlineData("a||b", true)]
    [InlineData("a,", true)]
    [InlineData("!", true)]
    [InlineData("a|b,c", false)]
    public void HasEmptyTerm_FindsEmptyAlternativesAndConditions(string value, bool empty)
    {
        Assert.Equal(empty, TextPattern.Parse(value).HasEmptyTerm);
    }
}
