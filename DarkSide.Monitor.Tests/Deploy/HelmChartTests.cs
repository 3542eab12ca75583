using DarkSide.Monitor.Features.Alerts;
using DarkSide.Monitor.Hosting;
using DarkSide.Monitor.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.RepresentationModel;

namespace DarkSide.Monitor.Tests.Deploy;

/// <summary>
/// The chart as helm renders it (helm from test.sh): what CNAF Cloud would be asked to run. Each test reads the
/// rendered objects, not the templates, so a template that renders something else than it seems fails here.
/// </summary>
[Trait("Kind", "Deploy")]
public sealed class HelmChartTests
{
    private static readonly string Chart = Path.Combine(RepositoryRoot.Path, "deploy", "helm", "darkside-monitor");

    private static readonly string[] Required =
    [
        "host=monitor.darkside.example",
        "iam.authority=https://iam.darkside.example/",
        "iam.clientId=darkside-monitor",
        "secrets.existingSecret=darkside-monitor-secrets",
    ];

    private static Task<(int Status, string Output)> HelmAsync(params string[] args) =>
        ProcessRunner.RunAsync(Environment.GetEnvironmentVariable("DARKSIDE_TEST_HELM") ?? "helm", args);

    /// <summary>The rendered objects by kind, with <paramref name="settings"/> on top of the required values.</summary>
    private static async Task<Dictionary<string, YamlMappingNode>> RenderAsync(params string[] settings)
    {
        var args = new List<string> { "template", "dsm", Chart };
        foreach (var setting in Required.Concat(settings))
        {
            args.AddRange(["--set", setting]);
        }

        var (status, output) = await HelmAsync([.. args]);
        Assert.True(status == 0, output);
        var stream = new YamlStream();
        stream.Load(new StringReader(output));
        return stream
            .Documents.Select(d => d.RootNode)
            .OfType<YamlMappingNode>()
            .ToDictionary(n => Scalar(n, "kind"), StringComparer.Ordinal);
    }

    private static YamlNode Node(YamlNode node, string path) =>
        path.Split('.')
            .Aggregate(
                node,
                (n, key) =>
                    int.TryParse(key, out var i)
                        ? ((YamlSequenceNode)n).Children[i]
                        : ((YamlMappingNode)n).Children[new YamlScalarNode(key)]
            );

    private static string Scalar(YamlNode node, string path) => ((YamlScalarNode)Node(node, path)).Value!;

    private static bool Has(YamlNode node, string path)
    {
        try
        {
            _ = Node(node, path);
            return true;
        }
        catch (Exception e) when (e is KeyNotFoundException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Chart_LintsStrictly()
    {
        var args = new List<string> { "lint", "--strict", Chart };
        foreach (var setting in Required)
        {
            args.AddRange(["--set", setting]);
        }

        var (status, output) = await HelmAsync([.. args]);

        Assert.True(status == 0, output);
        Assert.Contains("0 chart(s) failed", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("host", "host is required")]
    [InlineData("iam.authority", "iam.authority is required")]
    [InlineData("iam.clientId", "iam.clientId is required")]
    [InlineData("secrets.existingSecret", "secrets.existingSecret is required")]
    public async Task AMissingRequiredValue_StopsTheInstall_NamingIt(string key, string message)
    {
        var args = new List<string> { "template", "dsm", Chart };
        foreach (var setting in Required.Where(s => !s.StartsWith(key + "=", StringComparison.Ordinal)))
        {
            args.AddRange(["--set", setting]);
        }

        var (status, output) = await HelmAsync([.. args]);

        Assert.NotEqual(0, status);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deployment_RunsNonRootReadOnly_WithProbesResourcesAndSecretReferences()
    {
        var deployment = (await RenderAsync("replicaCount=3"))["Deployment"];
        var pod = Node(deployment, "spec.template.spec");
        var container = Node(pod, "containers.0");

        Assert.Equal("3", Scalar(deployment, "spec.replicas"));
        Assert.Equal("true", Scalar(pod, "securityContext.runAsNonRoot"));
        Assert.Equal("true", Scalar(container, "securityContext.readOnlyRootFilesystem"));
        Assert.Equal("false", Scalar(container, "securityContext.allowPrivilegeEscalation"));
        Assert.Equal("/tmp", Scalar(container, "volumeMounts.0.mountPath"));
        Assert.Equal("/healthz/live", Scalar(container, "livenessProbe.httpGet.path"));
        Assert.Equal("/healthz/live", Scalar(container, "startupProbe.httpGet.path"));
        Assert.Equal("/healthz/ready", Scalar(container, "readinessProbe.httpGet.path"));
        Assert.Equal("512Mi", Scalar(container, "resources.requests.memory"));
        Assert.Equal("1536Mi", Scalar(container, "resources.limits.memory"));
        var secrets = ((YamlSequenceNode)Node(container, "env")).Children.ToDictionary(
            e => Scalar(e, "name"),
            e => Scalar(e, "valueFrom.secretKeyRef.name") + "/" + Scalar(e, "valueFrom.secretKeyRef.key"),
            StringComparer.Ordinal
        );
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Panda"] = "darkside-monitor-secrets/panda-connection",
                ["ConnectionStrings__Monitor"] = "darkside-monitor-secrets/monitor-connection",
                ["Iam__ClientSecret"] = "darkside-monitor-secrets/iam-client-secret",
            },
            secrets
        );
        Assert.Equal("0", Scalar(deployment, "spec.strategy.rollingUpdate.maxUnavailable"));
    }

    [Fact]
    public async Task Ingress_KeepsABrowserOnItsReplica_AndRoutesOnlyTheDashboardPort()
    {
        var objects = await RenderAsync();
        var annotations = (YamlMappingNode)Node(objects["Ingress"], "metadata.annotations");
        string Annotation(string name) => ((YamlScalarNode)annotations[new YamlScalarNode(name)]).Value!;

        Assert.Equal("cookie", Annotation("nginx.ingress.kubernetes.io/affinity"));
        Assert.Equal("persistent", Annotation("nginx.ingress.kubernetes.io/affinity-mode"));
        Assert.Equal("true", Annotation("nginx.ingress.kubernetes.io/session-cookie-secure"));
        Assert.Equal("3600", Annotation("nginx.ingress.kubernetes.io/proxy-read-timeout"));
        Assert.Equal("monitor.darkside.example", Scalar(objects["Ingress"], "spec.rules.0.host"));
        Assert.Equal("http", Scalar(objects["Ingress"], "spec.rules.0.http.paths.0.backend.service.port.name"));
        Assert.Equal("monitor.darkside.example", Scalar(objects["Ingress"], "spec.tls.0.hosts.0"));
    }

    [Fact]
    public async Task Settings_ReachTheAppUnderItsOwnKeys()
    {
        var data = (YamlMappingNode)Node(
            (await RenderAsync("reverseProxy.knownNetworks={10.1.0.0/16,10.2.0.0/16}", "rollups.enabled=false"))[
                "ConfigMap"
            ],
            "data"
        );
        string Setting(string key) => ((YamlScalarNode)data[new YamlScalarNode(key)]).Value!;

        Assert.Equal("https://iam.darkside.example/", Setting("Iam__Authority"));
        Assert.Equal("10.1.0.0/16", Setting("ReverseProxy__KnownNetworks__0"));
        Assert.Equal("10.2.0.0/16", Setting("ReverseProxy__KnownNetworks__1"));
        Assert.Equal("https://monitor.darkside.example", Setting("Security__AllowedOrigins__0"));
        Assert.Equal("false", Setting("Rollups__Enabled"));
        Assert.Equal("9464", Setting("Telemetry__MetricsPort"));
        // Secrets never pass through the ConfigMap.
        Assert.DoesNotContain(data.Children.Keys, k => ((YamlScalarNode)k).Value!.Contains("Connection"));
        Assert.DoesNotContain(data.Children.Keys, k => ((YamlScalarNode)k).Value == "Iam__ClientSecret");
    }

    [Fact]
    public async Task AlertSettings_ReachTheAppUnderItsOwnKeys_AndPassItsStartupCheck()
    {
        var data = (YamlMappingNode)Node(
            (
                await RenderAsync(
                    "alerts.alertmanagerUrl=http://alertmanager-operated.monitoring:9093",
                    "alerts.rules.SiteFailureRate.ThresholdPercent=40",
                    "alerts.rules.SiteFailureRate.For=10m",
                    "alerts.rules.QueueNotOnline.Enabled=false"
                )
            )["ConfigMap"],
            "data"
        );
        var settings = data.Children.ToDictionary(
            p => ((YamlScalarNode)p.Key).Value!.Replace("__", ":", StringComparison.Ordinal),
            p => ((YamlScalarNode)p.Value).Value
        );
        settings["ConnectionStrings:Panda"] = "Host=127.0.0.1;Database=panda_db;Username=panda_reader";
        settings["ConnectionStrings:Monitor"] = "Host=127.0.0.1;Database=panda_db;Username=monitor";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddMonitorOptions(configuration).AddLogging();
        services.AddAlerts();
        var provider = services.BuildServiceProvider();

        Assert.Empty(MonitorConfigurationCheck.Problems(provider));
        var alerts = provider.GetRequiredService<AlertOptions>();
        Assert.Equal("http://alertmanager-operated.monitoring:9093", alerts.AlertmanagerUrl);
        Assert.Equal("https://monitor.darkside.example/", alerts.MonitorUrl);
        Assert.Equal((40.0, "10m"), (alerts.Rules.SiteFailureRate.ThresholdPercent, alerts.Rules.SiteFailureRate.For));
        Assert.False(alerts.Rules.QueueNotOnline.Enabled);
        Assert.Equal("/darkside/shifters", settings["Iam:ShifterGroups:0"]);
    }

    [Fact]
    public async Task KeyRingCertificate_IsMountedReadOnly_AndNamedToTheApp_OnlyWhenGiven()
    {
        var with = await RenderAsync("keyRing.certificateSecret=dsm-keyring");
        var without = await RenderAsync();
        var data = (YamlMappingNode)Node(with["ConfigMap"], "data");
        var container = Node(with["Deployment"], "spec.template.spec.containers.0");

        Assert.Equal(
            "/etc/darkside-monitor/keyring/tls.crt",
            ((YamlScalarNode)data[new YamlScalarNode("MonitorStore__KeyRingCertificatePath")]).Value
        );
        Assert.Equal("/etc/darkside-monitor/keyring", Scalar(container, "volumeMounts.1.mountPath"));
        Assert.Equal("true", Scalar(container, "volumeMounts.1.readOnly"));
        Assert.Equal("dsm-keyring", Scalar(with["Deployment"], "spec.template.spec.volumes.1.secret.secretName"));
        Assert.Equal("1654", Scalar(with["Deployment"], "spec.template.spec.securityContext.fsGroup"));
        Assert.False(Has(without["Deployment"], "spec.template.spec.volumes.1"));
        Assert.DoesNotContain(
            ((YamlMappingNode)Node(without["ConfigMap"], "data")).Children.Keys,
            k => ((YamlScalarNode)k).Value!.StartsWith("MonitorStore__KeyRing", StringComparison.Ordinal)
        );
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public async Task DisruptionBudget_OnlyWithSeveralReplicas(int replicas, bool expected)
    {
        var objects = await RenderAsync("replicaCount=" + replicas);

        Assert.Equal(expected, objects.ContainsKey("PodDisruptionBudget"));
        if (expected)
        {
            Assert.Equal("1", Scalar(objects["PodDisruptionBudget"], "spec.minAvailable"));
        }

        Assert.True(Has(objects["Service"], "spec.ports.1"), "the Service exposes the metrics port");
    }
}
