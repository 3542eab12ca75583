using DarkSide.Monitor.Configuration;
using DarkSide.Monitor.Hosting;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Tests.Unit.Configuration;

[Trait("Kind", "Unit")]
public sealed class OptionsValidationTests
{
    /// <summary>Each option group's own validator, beside its class.</summary>
    private static class Validator
    {
        public static ValidateOptionsResult Validate(string? name, PandaOptions options) =>
            new ValidatePandaOptions().Validate(name, options);

        public static ValidateOptionsResult Validate(string? name, MonitorStoreOptions options) =>
            new ValidateMonitorStoreOptions().Validate(name, options);

        public static ValidateOptionsResult Validate(string? name, BlindingOptions options) =>
            new ValidateBlindingOptions().Validate(name, options);

        public static ValidateOptionsResult Validate(string? name, JobListOptions options) =>
            new ValidateJobListOptions().Validate(name, options);

        public static ValidateOptionsResult Validate(string? name, RollupOptions options) =>
            new ValidateRollupOptions().Validate(name, options);
    }

    [Fact]
    public void Defaults_AreValid()
    {
        Assert.True(Validator.Validate(null, new PandaOptions()).Succeeded);
        Assert.True(Validator.Validate(null, new MonitorStoreOptions()).Succeeded);
        Assert.True(Validator.Validate(null, new BlindingOptions()).Succeeded);
        Assert.True(Validator.Validate(null, new JobListOptions()).Succeeded);
        Assert.True(Validator.Validate(null, new RollupOptions()).Succeeded);
    }

    [Fact]
    public void ConfiguredLists_ReplaceTheDefaults_InsteadOfBeingAddedToThem()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Blinding:BlindScopes:0"] = "blind",
                    ["Iam:MemberGroups:0"] = "/darkside/members",
                    ["Iam:BlindGroups:0"] = "/darkside/unblinded",
                }
            )
            .Build();
        var services = new ServiceCollection().AddMonitorOptions(configuration);
        services.AddOptions<DarkSide.Monitor.Identity.IamOptions>().BindExactly(configuration.GetSection("Iam"));
        using var provider = services.BuildServiceProvider();

        var iam = provider
            .GetRequiredService<Microsoft.Extensions.Options.IOptions<DarkSide.Monitor.Identity.IamOptions>>()
            .Value;
        var direct = configuration.GetSection("Iam").GetExactly<DarkSide.Monitor.Identity.IamOptions>();

        Assert.Equal(
            ["blind"],
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<BlindingOptions>>().Value.BlindScopes
        );
        // Without the rule, "/darkside" and "/darkside/blind" stayed beside the configured groups: a blind-gate bypass.
        Assert.Equal(["/darkside/members"], iam.MemberGroups);
        Assert.Equal(["/darkside/unblinded"], iam.BlindGroups);
        Assert.Equal(["/darkside/admins"], iam.AdminGroups);
        Assert.Equal(["/darkside/unblinded"], direct.BlindGroups);
    }

    [Fact]
    public void Rollups_NameEachBadSetting()
    {
        var message = Validator
            .Validate(
                null,
                new RollupOptions
                {
                    IntervalSeconds = 1,
                    OverlapMinutes = -5,
                    BackfillDays = 0,
                }
            )
            .FailureMessage;

        Assert.Contains(
            "Rollups:IntervalSeconds is 1; expected seconds from 5 to 3600.",
            message,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "Rollups:OverlapMinutes is -5; expected minutes from 0 to 10080",
            message,
            StringComparison.Ordinal
        );
        Assert.Contains("Rollups:BackfillDays is 0; expected days from 1 to 3650.", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(
        "doma_panda; DROP TABLE x",
        "Panda:Schema is 'doma_panda; DROP TABLE x'; expected a lower-case PostgreSQL schema name"
    )]
    [InlineData("Doma", "Panda:Schema is 'Doma'")]
    [InlineData("", "Panda:Schema is ''")]
    public void PandaSchema_MustBeAPlainIdentifier(string schema, string message)
    {
        var result = Validator.Validate(null, new PandaOptions { Schema = schema });

        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Retention_MustBePositive()
    {
        Assert.Contains(
            "Panda:ArchivedRetentionDays is 0; expected a whole number of days ≥ 1.",
            Validator.Validate(null, new PandaOptions { ArchivedRetentionDays = 0 }).FailureMessage,
            StringComparison.Ordinal
        );
    }

    [Theory]
    [InlineData(new string[0], "Blinding:BlindScopes is empty")]
    [InlineData(new[] { "blind%" }, "Blinding:BlindScopes has 'blind%'; expected a Rucio scope name")]
    public void BlindScopes_MustBeRucioScopes(string[] scopes, string message)
    {
        Assert.Contains(
            message,
            Validator.Validate(null, new BlindingOptions { BlindScopes = scopes }).FailureMessage,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void JobList_DefaultPageMayNotExceedTheMaximum()
    {
        var result = Validator.Validate(
            null,
            new JobListOptions { DefaultDisplayLimit = 2000, MaxDisplayLimit = 1000 }
        );

        Assert.Contains(
            "JobList:DefaultDisplayLimit (2000) and JobList:MaxDisplayLimit (1000)",
            result.FailureMessage,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void ConnectionStrings_MissingOrMalformed_AreNamed()
    {
        var result = new ValidateConnectionOptions().Validate(
            null,
            new ConnectionOptions { Panda = null, Monitor = "Hots=db;;=x" }
        );

        Assert.Contains(
            "ConnectionStrings:Panda is not set; expected a PostgreSQL connection string for a role that can "
                + "read PanDA's schemas",
            result.FailureMessage,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "ConnectionStrings:Monitor is not a valid PostgreSQL connection string",
            result.FailureMessage,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void StartupCheck_ListsEveryProblemOfTheConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Panda"] = "Host=127.0.0.1;Database=panda_db;Username=panda_reader",
                    ["Panda:Schema"] = "x;y",
                    ["JobList:DefaultHours"] = "abc",
                }
            )
            .Build();
        var services = new ServiceCollection().AddMonitorOptions(configuration).BuildServiceProvider();

        var problems = MonitorConfigurationCheck.Problems(services);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("ConnectionStrings:Monitor is not set", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Panda:Schema is 'x;y'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'abc' at 'JobList:DefaultHours'", StringComparison.Ordinal));
    }

    [Fact]
    public void ProxiesTelemetryAndRollupFreshness_NameEachBadSetting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Panda"] = "Host=127.0.0.1;Database=panda_db;Username=panda_reader",
                    ["ConnectionStrings:Monitor"] = "Host=127.0.0.1;Database=panda_db;Username=monitor",
                    ["ReverseProxy:KnownProxies:0"] = "ingress",
                    ["ReverseProxy:KnownNetworks:0"] = "10.42.0.0/33",
                    ["Telemetry:MetricsPort"] = "70000",
                    ["Telemetry:OtlpEndpoint"] = "otel-collector:4317",
                    ["Rollups:StaleAfterMinutes"] = "-1",
                }
            )
            .Build();
        var services = new ServiceCollection().AddMonitorOptions(configuration).BuildServiceProvider();

        var problems = MonitorConfigurationCheck.Problems(services);

        Assert.Equal(
            [
                "Rollups:StaleAfterMinutes is -1; expected minutes from 0 (not checked) to 10080 (a week).",
                "ReverseProxy:KnownProxies has 'ingress'; expected an IP address such as 10.42.0.17.",
                "ReverseProxy:KnownNetworks has '10.42.0.0/33'; expected a network such as 10.42.0.0/16.",
                "Telemetry:MetricsPort is 70000; expected 0 (every port) or a port number.",
                "Telemetry:OtlpEndpoint is 'otel-collector:4317'; expected an http(s) URL such as "
                    + "http://otel-collector:4317.",
            ],
            problems
        );
    }

    [Fact]
    public void StartupCheck_ReadsTheOptionsEachFeatureRegisters_UnderTheirJobListKeys()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Panda"] = "Host=127.0.0.1;Database=panda_db;Username=panda_reader",
                    ["ConnectionStrings:Monitor"] = "Host=127.0.0.1;Database=panda_db;Username=monitor",
                    ["JobList:RefreshSeconds"] = "0",
                    ["JobList:ExportLimit"] = "20000000",
                    ["JobList:ErrorsDefaultHours"] = "0",
                    ["JobList:StalledHours"] = "-1",
                }
            )
            .Build();
        var services = new ServiceCollection().AddMonitorOptions(configuration);
        DarkSide.Monitor.Web.WebShellExtensions.AddWebShell(services);
        DarkSide.Monitor.Features.Overview.OverviewFeature.AddOverview(services);

        var problems = MonitorConfigurationCheck.Problems(services.BuildServiceProvider());

        Assert.Equal(
            [
                "JobList:StalledHours is -1; expected hours ≥ 1.",
                "JobList:RefreshSeconds is 0; expected seconds from 1 to 3600.",
                "JobList:ExportLimit is 20000000; expected a number of jobs from 1 to 10000000.",
                "JobList:ErrorsDefaultHours is 0; expected hours ≥ 1.",
            ],
            problems
        );
    }

    [Fact]
    public void StartupCheck_AcceptsAValidConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Panda"] = "Host=127.0.0.1;Database=panda_db;Username=panda_reader",
                    ["ConnectionStrings:Monitor"] = "Host=127.0.0.1;Database=panda_db;Username=monitor",
                }
            )
            .Build();

        Assert.Empty(
            MonitorConfigurationCheck.Problems(
                new ServiceCollection().AddMonitorOptions(configuration).BuildServiceProvider()
            )
        );
    }
}
