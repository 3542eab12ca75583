using System.Text.RegularExpressions;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Demo;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.Db.Data;

[Trait("Kind", "Db")]
[Collection(SeededPandaCollection.Name)]
public sealed partial class PandaSchemaTests(SeededPandaFixture fixture)
{
    private PandaTestDatabase Db => fixture.Database;

    [Theory]
    [InlineData("doma_panda", "jobsdefined4", 127)]
    [InlineData("doma_panda", "jobswaiting4", 127)]
    [InlineData("doma_panda", "jobsactive4", 127)]
    [InlineData("doma_panda", "jobsarchived4", 127)]
    [InlineData("doma_pandaarch", "jobsarchived", 127)]
    [InlineData("doma_panda", "jedi_tasks", 88)]
    [InlineData("doma_panda", "jedi_datasets", 35)]
    [InlineData("doma_panda", "jedi_dataset_contents", 30)]
    [InlineData("doma_panda", "filestable4", 23)]
    [InlineData("doma_panda", "schedconfig_json", 3)]
    [InlineData("doma_panda", "jobparamstable", 3)]
    [InlineData("doma_panda", "metatable", 3)]
    [InlineData("doma_panda", "jobs_statuslog", 8)]
    [InlineData("doma_panda", "jedi_job_retry_history", 6)]
    [InlineData("doma_panda", "error_descriptions", 7)]
    public async Task Ddl_CreatesPandaTablesWithAllTheirColumns(string schema, string table, int columns)
    {
        var count = await Db.ScalarAsync<int>(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = @s AND table_name = @t",
            ("s", schema),
            ("t", table)
        );

        Assert.Equal(columns, count);
    }

    [Theory]
    [InlineData("jobsactive4")]
    [InlineData("jobsdefined4")]
    [InlineData("jobsarchived4")]
    public async Task JobTables_HaveEveryColumnTheMonitorNames(string table)
    {
        var columns = await Db.ColumnAsync<string>(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'doma_panda' AND table_name = @t",
            ("t", table)
        );

        Assert.Equal(PandaJobColumns.All.Order(), columns.Order());
    }

    [Theory]
    [InlineData("jobsactive4", "maxcpucount", "bigint")]
    [InlineData("jobsdefined4", "maxcpucount", "integer")]
    [InlineData("jobsdefined4", "nevents", "integer")]
    [InlineData("jobsarchived4", "ddmerrordiag", "character varying")]
    [InlineData("jobsactive4", "cpuconsumptiontime", "numeric")]
    [InlineData("jobsactive4", "modificationtime", "timestamp without time zone")]
    public async Task JobTables_KeepPandasPerTableTypes(string table, string column, string type)
    {
        Assert.Equal(
            type,
            await Db.ScalarAsync<string>(
                "SELECT data_type FROM information_schema.columns WHERE table_schema = 'doma_panda' AND "
                    + "table_name = @t AND column_name = @c",
                ("t", table),
                ("c", column)
            )
        );
    }

    [Fact]
    public async Task JobsArchived4_IsRangePartitionedByModificationTimeWithMonthlyChildren()
    {
        var key = await Db.ScalarAsync<string>("SELECT pg_get_partkeydef('doma_panda.jobsarchived4'::regclass)");
        var children = await Db.ColumnAsync<string>(
            "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent "
                + "= 'doma_panda.jobsarchived4'::regclass"
        );

        Assert.Equal("RANGE (modificationtime)", key);
        Assert.Contains("jobsarchived4_p2026_06", children);
        Assert.Contains("jobsarchived4_p2026_09", children);
        Assert.Contains("jobsarchived4_default", children);
    }

    [Fact]
    public async Task Indexes_EveryIndexOfTheDdlExistsOnItsTable()
    {
        var ddl = new SqlResources(typeof(PandaSchemaInstaller).Assembly).Read(
            "panda/03_indexes.sql",
            new Dictionary<string, string> { ["panda"] = "doma_panda", ["pandaarch"] = "doma_pandaarch" }
        );
        var expected = IndexStatement()
            .Matches(ddl)
            .Select(m => $"{m.Groups["schema"].Value}.{m.Groups["table"].Value}.{m.Groups["name"].Value}")
            .ToList();
        var actual = await Db.ColumnAsync<string>(
            "SELECT schemaname || '.' || tablename || '.' || indexname FROM pg_indexes WHERE schemaname IN "
                + "('doma_panda', 'doma_pandaarch')"
        );

        Assert.Equal(86, expected.Count);
        Assert.Empty(expected.Except(actual));
    }

    [Theory]
    [InlineData("jobsarch4_mtimeprodslabel_idx", "(modificationtime, prodsourcelabel)")]
    [InlineData("jobsarc4_jeditaskid3attr_idx", "(jeditaskid, jobstatus, prodsourcelabel, pandaid)")]
    [InlineData("jobs_upper_produsername_idx", "(upper((produsername)::text))")]
    [InlineData("jobsactive4_jeditaskid_idx", "(jeditaskid, pandaid)")]
    public async Task Indexes_HavePandasColumns(string index, string columns)
    {
        var definition = await Db.ScalarAsync<string>(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'doma_panda' AND indexname = @i",
            ("i", index)
        );

        Assert.EndsWith(columns, definition, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"CREATE (UNIQUE )?INDEX (?<name>\w+) ON (?<schema>\w+)\.(?<table>\w+)")]
    private static partial Regex IndexStatement();
}
