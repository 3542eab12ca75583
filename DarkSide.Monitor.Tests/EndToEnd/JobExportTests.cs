using System.Globalization;
using System.Net;
using System.Text.Json;
using DarkSide.Monitor.Tests.Infrastructure;
using DarkSide.Monitor.Web;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>The job list's CSV and BigPanDA JSON over HTTP from the running app, and old BigPanDA links.</summary>
[Trait("Kind", "EndToEnd")]
[Collection(MonitorServerCollection.Name)]
public sealed class JobExportTests(MonitorServerFixture server) : ClosesPagesAfterEachTest(() => server.Browser)
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(server.BaseUrl) };

    private Task<long> FailedJobsAsync() =>
        server.Database.ScalarAsync<long>($"SELECT count(*) FROM {Oracle.AllJobs} WHERE jobstatus = 'failed'");

    [Theory]
    [InlineData("/jobs?jobstatus=failed")]
    [InlineData("/jobs?json&hours=1")]
    [InlineData("/jobs/csv?hours=1")]
    [InlineData("/healthz/ready")]
    public async Task EveryAnswer_HasTheSecurityHeaders_AndIsNeverCached(string path)
    {
        var response = await _http.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        // No inline script and no eval: the directive is exactly the monitor's own files.
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl!.NoStore, path);
    }

    [Fact]
    public async Task FingerprintedStaticAssets_AreStillCached()
    {
        var page = await _http.GetStringAsync("/jobs");
        var css = System.Text.RegularExpressions.Regex.Match(page, @"css/app\.[a-z0-9]+\.css").Value;

        var response = await _http.GetAsync("/" + css);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.CacheControl?.NoStore ?? false);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/%5Cevil.example/")]
    [InlineData("/%5C%5Cevil.example/")]
    [InlineData("/%09/evil.example/")]
    public async Task TrailingSlashRedirect_NeverLeadsToAnotherHost(string path)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var response = await http.GetAsync(new Uri(server.BaseUrl + path));

        var location = response.Headers.Location?.OriginalString;
        Assert.True(location is null || MonitorUrls.IsLocalPath(location), $"{path} redirects to {location}");
    }

    [Fact]
    public async Task OldBigPandaLink_WithTrailingSlash_OpensTheSameSelection()
    {
        var response = await _http.GetAsync("/jobs/?jobstatus=failed&computingsite=CNAF-DS-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "/jobs?jobstatus=failed&computingsite=CNAF-DS-1",
            response.RequestMessage!.RequestUri!.PathAndQuery
        );
    }

    [Fact]
    public async Task Json_HasBigPandasShape_AndCountsTheWholeSelection()
    {
        var failed = await FailedJobsAsync();

        using var json = JsonDocument.Parse(await _http.GetStringAsync("/jobs/?jobstatus=failed&json"));

        var root = json.RootElement;
        Assert.Equal(failed, root.GetProperty("totaljobs").GetInt64());
        Assert.Equal(failed, root.GetProperty("jobs").GetArrayLength());
        AssertEvery(
            root.GetProperty("jobs").EnumerateArray(),
            j => Assert.Equal("failed", j.GetProperty("jobstatus").GetString())
        );
        var status = root.GetProperty("selectionsummary")
            .EnumerateArray()
            .Single(f => f.GetProperty("field").GetString() == "jobstatus");
        Assert.Equal(
            failed,
            status
                .GetProperty("list")
                .EnumerateArray()
                .Single(v => v.GetProperty("kname").GetString() == "failed")
                .GetProperty("kvalue")
                .GetInt64()
        );
        var errors = root.GetProperty("errsByCount").EnumerateArray().ToList();
        Assert.NotEmpty(errors);
        var pilotFailures = await server.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM {Oracle.AllJobs} WHERE jobstatus = 'failed' AND piloterrorcode <> 0"
        );
        Assert.Equal(
            pilotFailures,
            errors.Where(e => e.GetProperty("error").GetString() == "pilot").Sum(e => e.GetProperty("count").GetInt64())
        );
    }

    [Fact]
    public async Task Json_WithABadParameter_Answers400NamingIt()
    {
        var response = await _http.GetAsync("/jobs?json&hours=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(
            "hours: 'abc' is not valid; expected a whole number",
            json.RootElement.GetProperty("error").GetString(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Csv_HasOneRowPerJob_AndBlindRowsWithoutTheirNames()
    {
        await using var command = server.Database.Admin.CreateCommand(
            $"SELECT jeditaskid, jobname FROM {Oracle.AllJobs} WHERE {Oracle.IsBlind} AND jeditaskid IS NOT "
                + $"NULL ORDER BY pandaid LIMIT 1"
        );
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var (task, jobName) = (reader.GetInt64(0), reader.GetString(1));
        var expected = await server.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM {Oracle.AllJobs} WHERE jeditaskid = @t",
            ("t", task)
        );

        var response = await _http.GetAsync($"/jobs/csv?jeditaskid={task}&mode=nodrop");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        // The file's name says what it holds: a task's jobs of all history ("start" to the query's time).
        Assert.Matches(
            $@"^darkside-jobs_start-\d{{8}}T\d{{4}}_jeditaskid-{task}_mode-nodrop\.csv$",
            response.Content.Headers.ContentDisposition!.FileName!.Trim('"')
        );
        Assert.StartsWith("pandaid,attemptnr,produsername", lines[0], StringComparison.Ordinal);
        Assert.Equal(expected, lines.Length - 1);
        Assert.Equal(
            expected.ToString(CultureInfo.InvariantCulture),
            response.Headers.GetValues("X-Total-Count").Single()
        );
        AssertEvery(lines.Skip(1), l => Assert.EndsWith(",true", l, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(jobName, StringComparison.Ordinal));
    }
}
