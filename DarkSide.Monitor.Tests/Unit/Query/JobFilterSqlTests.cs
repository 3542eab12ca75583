using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Tests.Unit.Query;

/// <summary>The SQL of filters that PanDA's indexes must be able to read (issue: every view near its floor).</summary>
[Trait("Kind", "Unit")]
public sealed class JobFilterSqlTests
{
    private static readonly TextIndexHints Hints = new(PrefixRanges: true, "SELECT s.panda_queue FROM q s");

    private static (string Sql, IReadOnlyList<object?> Values) Sql(string parameter, string value, TextIndexHints hints)
    {
        var errors = new List<ParameterError>();
        var filter = JobQueryParser.ParseFilter(JobFields.Find(parameter)!, value, errors)!;
        var parameters = new SqlParameterBag();
        var sql = JobFilterSql.Predicate(filter, parameters, hints);
        return (sql, parameters.Parameters.Select(p => p.Value).ToList());
    }

    [Fact]
    public void AWildcardWithALiteralPrefix_IsAlsoAB_TreeRange_WhenTextSortsByCodePoint()
    {
        var (sql, values) = Sql("jobname", "ds20k.sim.ar39_tpc.v2.37866.*", Hints);

        Assert.Equal("(((j.jobname LIKE @p0 AND j.jobname >= @p1 AND j.jobname < @p2)))", sql);
        Assert.Equal(
            ["ds20k.sim.ar39\\_tpc.v2.37866.%", "ds20k.sim.ar39_tpc.v2.37866.", "ds20k.sim.ar39_tpc.v2.37866/"],
            values
        );
    }

    [Theory]
    [InlineData("*.37866.*")]
    [InlineData("!ds20k.*")]
    public void AWildcardWithoutAPrefix_OrNegated_StaysLike(string pattern)
    {
        var (sql, _) = Sql("jobname", pattern, Hints);

        Assert.DoesNotContain(">=", sql, StringComparison.Ordinal);
        Assert.Contains("LIKE", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void UnderALinguisticCollation_APrefixIsNeverARange()
    {
        var (sql, _) = Sql("jobname", "ds20k.*", TextIndexHints.None);

        Assert.Equal("((j.jobname LIKE @p0))", sql);
    }

    [Fact]
    public void ASiteWithoutRegardToCase_IsReadByEqualityOnSchedconfigsSpellings()
    {
        var (sql, values) = Sql("computingsite", "cnaf-ds-1", Hints);

        Assert.Equal(
            "(((j.computingsite = ANY(ARRAY(SELECT s.panda_queue FROM q s WHERE upper(s.panda_queue) = upper(@p0)) "
                + "|| @p0) AND upper(j.computingsite) = upper(@p0))))",
            sql
        );
        Assert.Equal(["cnaf-ds-1"], values);
    }

    [Fact]
    public void OneTaskId_IsPlainEquality_SeveralAreAnArray()
    {
        Assert.Equal("j.jeditaskid = @p0", Sql("jeditaskid", "42", Hints).Sql);
        Assert.Equal("j.jeditaskid = ANY(@p0)", Sql("jeditaskid", "42|43", Hints).Sql);
    }
}
