using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>
/// The alerting servers of deploy/alertmanager on loopback: Debian's Prometheus Alertmanager running the shipped
/// configuration (only its mail relay, chat webhook and timings replaced), smtp4dev as the mail relay with an inbox
/// to read, and an HTTP listener standing in for Mattermost's incoming webhook.
/// </summary>
public sealed class AlertingServers : IAsyncLifetime
{
    /// <summary>Test timings: a new group is told after 250 ms, changes to it (resolutions) after 1 s.</summary>
    public const string GroupWait = "250ms";
    public const string GroupInterval = "1s";

    private readonly string _folder = Directory.CreateTempSubdirectory("darkside-alerting-").FullName;
    private readonly HttpListener _chat = new();
    private readonly ConcurrentQueue<string> _chatPosts = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Process? _alertmanager;
    private Process? _smtp4dev;
    private int _smtpPort;
    private int _inboxPort;
    private int _chatPort;

    /// <summary>Start smtp4dev (the mail relay Alertmanager sends to); without it mail is not delivered.</summary>
    public bool WithMail { get; init; } = true;

    public int AlertmanagerPort { get; private set; }

    public string AlertmanagerUrl => $"http://127.0.0.1:{AlertmanagerPort}";

    public string InboxUrl => $"http://127.0.0.1:{_inboxPort}";

    public IReadOnlyList<string> ChatPosts => [.. _chatPosts];

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async Task InitializeAsync()
    {
        (_smtpPort, _inboxPort, _chatPort, AlertmanagerPort) = (FreePort(), FreePort(), FreePort(), FreePort());
        _chat.Prefixes.Add($"http://127.0.0.1:{_chatPort}/");
        _chat.Start();
        _ = Task.Run(ReceiveChatAsync);
        _smtp4dev = !WithMail
            ? null
            : Start(
                "dotnet",
                [
                    "tool",
                    "run",
                    "smtp4dev",
                    "--",
                    $"--urls=http://127.0.0.1:{_inboxPort}",
                    $"--smtpport={_smtpPort}",
                    "--bindaddress=127.0.0.1",
                    "--imapport=0",
                    "--pop3port=0",
                    "--db=",
                    $"--baseappdatapath={_folder}/smtp4dev",
                ],
                "smtp4dev"
            );
        await File.WriteAllTextAsync(Path.Combine(_folder, "alertmanager.yml"), Configuration());
        await StartAlertmanagerAsync();
        if (WithMail)
        {
            await Poll.UntilAsync("smtp4dev's inbox answering", async () => await InboxAnswersAsync());
        }
    }

    /// <summary>deploy/alertmanager/alertmanager.yml with this machine's relay, chat receiver, test timings.</summary>
    public string Configuration()
    {
        var shipped = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "alertmanager", "alertmanager.yml"));
        var replaced = shipped
            .Replace("smtp.example.org:25", $"127.0.0.1:{_smtpPort}", StringComparison.Ordinal)
            .Replace(
                "https://mattermost.example.org/hooks/CHANGE-ME",
                $"http://127.0.0.1:{_chatPort}/hooks/test",
                StringComparison.Ordinal
            )
            .Replace("group_wait: 30s", $"group_wait: {GroupWait}", StringComparison.Ordinal)
            .Replace("group_interval: 5m", $"group_interval: {GroupInterval}", StringComparison.Ordinal);
        Assert.Equal(4, CountChanges(shipped, replaced));
        return replaced;
    }

    private static int CountChanges(string before, string after) =>
        before.Split('\n').Zip(after.Split('\n')).Count(pair => pair.First != pair.Second);

    public async Task StartAlertmanagerAsync()
    {
        _alertmanager = Start(
            Environment.GetEnvironmentVariable("DARKSIDE_TEST_ALERTMANAGER") ?? "/usr/bin/prometheus-alertmanager",
            [
                $"--config.file={_folder}/alertmanager.yml",
                $"--storage.path={_folder}/alertmanager-data",
                $"--web.listen-address=127.0.0.1:{AlertmanagerPort}",
                "--cluster.listen-address=",
            ],
            "alertmanager"
        );
        await Poll.UntilAsync(
            "Alertmanager ready",
            async () =>
            {
                if (_alertmanager.HasExited)
                {
                    Assert.Fail(Exited("alertmanager"));
                }

                try
                {
                    using var ready = await _http.GetAsync($"{AlertmanagerUrl}/-/ready");
                    return ready.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }
        );
    }

    /// <summary>Stops Alertmanager as an outage would (its storage stays, as a restarted pod's volume).</summary>
    public async Task StopAlertmanagerAsync()
    {
        if (_alertmanager is { HasExited: false } running)
        {
            running.Kill();
            await running.WaitForExitAsync();
        }
    }

    /// <summary>Alertmanager's alerts, as GET /api/v2/alerts gives them (its JSON, unparsed and parsed).</summary>
    public async Task<(string Json, JsonElement[] Alerts)> AlertmanagerAlertsAsync()
    {
        var json = await _http.GetStringAsync($"{AlertmanagerUrl}/api/v2/alerts");
        return (json, JsonSerializer.Deserialize<JsonElement[]>(json)!);
    }

    /// <summary>Every mail the relay took: its subject and its whole source.</summary>
    public async Task<IReadOnlyList<(string Subject, string Source)>> EmailsAsync()
    {
        var page = await _http.GetFromJsonAsync<JsonElement>($"{InboxUrl}/api/messages?pageSize=500");
        var mails = new List<(string, string)>();
        foreach (var message in page.GetProperty("results").EnumerateArray())
        {
            var id = message.GetProperty("id").GetString();
            var source = await _http.GetStringAsync($"{InboxUrl}/api/messages/{id}/source");
            mails.Add((message.GetProperty("subject").GetString() ?? "", source));
        }

        return mails;
    }

    private async Task<bool> InboxAnswersAsync()
    {
        if (_smtp4dev!.HasExited)
        {
            Assert.Fail(Exited("smtp4dev"));
        }

        try
        {
            using var answer = await _http.GetAsync($"{InboxUrl}/api/messages");
            return answer.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task ReceiveChatAsync()
    {
        while (_chat.IsListening)
        {
            try
            {
                var context = await _chat.GetContextAsync();
                using (var reader = new StreamReader(context.Request.InputStream))
                {
                    _chatPosts.Enqueue(await reader.ReadToEndAsync());
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    /// <summary>The folder goes with the fixture, so the message carries the log's end itself.</summary>
    private string Exited(string name)
    {
        using var stream = new FileStream(
            Path.Combine(_folder, name + ".log"),
            FileMode.Open,
            FileAccess.Read,
            FileShare.ReadWrite
        );
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n');
        return $"{name} exited; the end of its log:\n" + string.Join('\n', lines.TakeLast(20));
    }

    private Process Start(string file, IReadOnlyList<string> args, string name)
    {
        var log = Path.Combine(_folder, name + ".log");
        var start = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + file);
        var writer = new StreamWriter(log, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(writer, e.Data);
        process.ErrorDataReceived += (_, e) => Write(writer, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Write(StreamWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            writer.WriteLine(line);
        }
    }

    public async Task DisposeAsync()
    {
        await StopAlertmanagerAsync();
        if (_smtp4dev is { HasExited: false } smtp)
        {
            smtp.Kill(entireProcessTree: true);
            await smtp.WaitForExitAsync();
        }

        _chat.Close();
        _http.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A log still being written by an exiting process; the folder is in /tmp.
        }
    }
}
