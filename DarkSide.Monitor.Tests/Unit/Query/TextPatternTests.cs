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

    [Theory]
    [InlineData("CNAF*", "cnaf-ds-1", true)]
    [InlineData("CNAF*", "INFN-T1", false)]
    [InlineData("*T1", "INFN-T1", true)]
    [InlineData("a.b*", "axb-1", false)]
    [InlineData("CNAF*,!*HIMEM", "CNAF-DS-HIMEM", false)]
    [InlineData("CNAF*,!*HIMEM", "CNAF-DS-1", true)]
    [InlineData("X|INFN-T1", "infn-t1", true)]
    [InlineData("*", "", false)]
    [InlineData("Not specified", null, true)]
    [InlineData("!Not specified", "A", true)]
    public void Matches_AppliesTheGrammarInMemory_WithoutRegardToCase(string pattern, string? value, bool matches)
    {
        Assert.Equal(matches, TextPattern.Parse(pattern).Matches(value));
    }
}
