using System.Net;
using System.Text;
using System.Text.Json;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// The demo's stand-in for Mattermost: takes the Slack-format posts Alertmanager sends to an incoming webhook, prints
/// each one's title, and lists them at GET / so a newcomer sees what the shift channel would.
/// </summary>
public static class ChatSink
{
    public const string Usage = "DarkSide.Monitor.Demo chat-sink --port N   (Mattermost's stand-in for the demo)";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["--port", var text] || !int.TryParse(text, out var port) || port is < 1 or > 65535)
        {
            Console.Error.WriteLine("Expected: " + Usage);
            return 2;
        }

        var posts = new List<string>();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => (e.Cancel, _) = (true, stop.CancelAsync());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        while (!stop.IsCancellationRequested)
        {
            var context = await listener
                .GetContextAsync()
                .WaitAsync(stop.Token)
                .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
            if (context is null)
            {
                break;
            }

            if (context.Request.HttpMethod == "POST")
            {
                using var reader = new StreamReader(context.Request.InputStream);
                var title = Title(await reader.ReadToEndAsync());
                lock (posts)
                {
                    posts.Add($"{DateTime.UtcNow:HH:mm:ss} UTC  {title}");
                }

                Console.WriteLine($"[chat] {title}");
                context.Response.StatusCode = 200;
            }
            else
            {
                string page;
                lock (posts)
                {
                    page = string.Join("\n", posts.AsEnumerable().Reverse().Select(WebUtility.HtmlEncode));
                }

                var body = Encoding.UTF8.GetBytes(
                    $"<!doctype html><title>Shift channel (demo)</title><h1>Shift channel (demo)</h1><pre>{page}</pre>"
                );
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.OutputStream.WriteAsync(body);
            }

            context.Response.Close();
        }

        return 0;
    }

    private static string Title(string json)
    {
        try
        {
            var post = JsonSerializer.Deserialize<JsonElement>(json);
            return post.TryGetProperty("attachments", out var attachments) && attachments.GetArrayLength() > 0
                ? attachments[0].GetProperty("title").GetString() ?? ""
                : post.GetProperty("text").GetString() ?? "";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "(a post that is not Slack's format)";
        }
    }
}
