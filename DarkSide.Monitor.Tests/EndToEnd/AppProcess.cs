using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// One of the repository's web apps run from the test output as a real process on a loopback port, its log captured.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private readonly Process _process;

    private readonly string _dll;

    private AppProcess(string dll, string baseUrl, IReadOnlyDictionary<string, string> environment)
    {
        _dll = dll;
        BaseUrl = baseUrl;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, dll), "--urls", baseUrl])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the app and waits until <paramref name="readyPath"/> answers 200.</summary>
    public static async Task<AppProcess> StartAsync(
        string dll,
        string baseUrl,
        IReadOnlyDictionary<string, string> environment,
        string readyPath
    )
    {
        var app = new AppProcess(dll, baseUrl, environment);
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (app._process.HasExited)
            {
                // The exit can be seen before the last lines it printed are read: wait for both streams to end.
                await app._process.WaitForExitAsync();
                throw new InvalidOperationException($"{dll} exited with {app._process.ExitCode}:\n{app.Log}");
            }

            try
            {
                if ((await http.GetAsync(baseUrl + readyPath)).StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{dll} did not answer {readyPath} in 30 s:\n{app.Log}");
    }

    public static string FreeLoopbackUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        SaveLog();
    }

    // test.sh shows the error entries of these files when a test fails: a failed browser check often has its cause
    // here.
    private void SaveLog()
    {
        var directory = Environment.GetEnvironmentVariable("DARKSIDE_TEST_LOGS");
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        Directory.CreateDirectory(directory);
        var port = new Uri(BaseUrl).Port;
        File.WriteAllText(Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(_dll)}-{port}.log"), Log);
    }
}
