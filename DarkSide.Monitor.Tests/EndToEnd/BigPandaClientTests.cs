using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Tests.Infrastructure;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// The JSON API called exactly as BigPanDA's clients call it (pandamonium's pandamon, Rubin's scripts), with real IAM
/// tokens: the keys and values those clients read, BigPanDA's error shapes, and the blind rules on every field.
/// </summary>
[Trait("Kind", "EndToEnd")]
[Collection(IamSignInCollection.Name)]
public sealed class BigPandaClientTests(IamSignInFixture iam)
{
    private const string Scope = "openid profile wlcg.groups wlcg.groups:/darkside/blind wlcg.groups:/darkside/admins";

    private PandaTestDatabase Db => iam.Database;

    private async Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> GetAsync(
        string path,
        string? user = "analyst"
    )
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, iam.MonitorUrl("Wlcg") + path);
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Bearer",
                await IamTokens.AccessTokenAsync(iam.IamUrl, "api-wlcg", user, Scope)
            );
        }

        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.Content.Headers.ContentType?.MediaType == "application/json",
            $"{path}: {(int)response.StatusCode} {body}"
        );
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), response);
    }

    [Fact]
    public async Task Pandamon_ListsAUsersTasksByNamePattern_WithDatasetInfo()
    {
        var (user, prefix) = await FirstAsync<string, string>(
            "SELECT username, split_part(taskname, '.', 1) || '.' || split_part(taskname, '.', 2) FROM "
                + "doma_panda.jedi_tasks "
                + "WHERE taskname LIKE 'user.%' AND username <> 'Marco Rossi' ORDER BY jeditaskid LIMIT 1"
        );
        var expected = await Db.ColumnAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jedi_tasks WHERE username = @u AND taskname LIKE @p AND "
                + "realmodificationtime >= @from ORDER BY 1",
            ("u", user),
            ("p", prefix + "%"),
            ("from", Oracle.Timestamp(DateTime.UtcNow.AddDays(-3)))
        );

        var (status, tasks, _) = await GetAsync(
            $"/tasks/?taskname={prefix}*&datasets=True&limit=10000&username={Uri.EscapeDataString(user)}"
                + "&days=3&json&timestamp=1733059200"
        );

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, tasks.EnumerateArray().Select(t => t.GetProperty("jeditaskid").GetInt64()).Order());
        foreach (var task in tasks.EnumerateArray())
        {
            Assert.StartsWith(prefix, task.GetProperty("taskname").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.String, task.GetProperty("status").ValueKind);
            Assert.True(task.TryGetProperty("superstatus", out _) && task.TryGetProperty("reqid", out _));
            var dsinfo = task.GetProperty("dsinfo");
            var files = await Db.ScalarAsync<long>(
                "SELECT coalesce(sum(nfiles), 0) FROM doma_panda.jedi_datasets WHERE jeditaskid = @t AND type IN "
                    + "('input', 'pseudo_input') AND masterid IS NULL",
                ("t", task.GetProperty("jeditaskid").GetInt64())
            );
            Assert.Equal(files, dsinfo.GetProperty("nfiles").GetInt64());
            Assert.InRange(dsinfo.GetProperty("pctfinished").GetInt32(), 0, 100);
            Assert.InRange(dsinfo.GetProperty("pctfailed").GetInt32(), 0, 100);
            var datasets = task.GetProperty("datasets").EnumerateArray().ToList();
            Assert.Equal(
                await Db.ScalarAsync<long>(
                    "SELECT count(*) FROM doma_panda.jedi_datasets WHERE jeditaskid = @t AND type IN ('input', "
                        + "'pseudo_input', 'output')",
                    ("t", task.GetProperty("jeditaskid").GetInt64())
                ),
                datasets.Count
            );
            // A task may have no datasets (prun without input): the count above says how many there must be.
            Assert.All(
                datasets,
                d =>
                {
                    foreach (var key in new[] { "streamname", "containername", "datasetname", "site", "type" })
                    {
                        Assert.True(d.TryGetProperty(key, out _), key);
                    }
                }
            );
        }
    }

    [Fact]
    public async Task Pandamon_FindsAPrunTaskWithoutDatasets()
    {
        var (status, tasks, _) = await GetAsync(
            "/tasks/?json&taskname=user.mrossi*&username=Marco%20Rossi&datasets=True&limit=10000&days=1"
        );

        Assert.Equal(HttpStatusCode.OK, status);
        var task = Assert.Single(tasks.EnumerateArray());
        Assert.Equal(PandaReferenceRows.PrunTaskId, task.GetProperty("jeditaskid").GetInt64());
        Assert.Equal(0, task.GetProperty("datasets").GetArrayLength());
        Assert.Equal(0, task.GetProperty("dsinfo").GetProperty("pctfinished").GetInt32());
        Assert.Equal("Marco Rossi", task.GetProperty("owner").GetString());
        Assert.Equal("user analysis", task.GetProperty("category").GetString());
    }

    [Fact]
    public async Task Pandamon_ReadsATasksJobsWithTheirMetadata_AdminsOnly()
    {
        var task = await Db.ScalarAsync<long>(
            // A task whose finished jobs have a job report in metatable, as the pilot leaves one.
            $"SELECT jeditaskid FROM doma_panda.jobsarchived4 j WHERE jobstatus = 'finished' AND NOT "
                + $"{Oracle.IsBlind} AND pandaid IN (SELECT pandaid FROM doma_panda.metatable) GROUP BY 1 ORDER BY "
                + $"count(*) DESC LIMIT 1"
        );
        var latest = await Db.ScalarAsync<long>(
            $"SELECT count(*) FROM {Oracle.AllJobs} WHERE jeditaskid = @t AND NOT EXISTS (SELECT 1 FROM "
                + $"doma_panda.jedi_job_retry_history h "
                + "WHERE h.jeditaskid = j.jeditaskid AND h.oldpandaid = j.pandaid AND h.relationtype = 'retry')",
            ("t", task)
        );
        var path = $"/jobs/?jeditaskid={task}&limit=10000&fields=metastruct&json";

        var (status, admin, _) = await GetAsync(path, "admin");
        var (_, shifter, _) = await GetAsync(path, "shifter");

        Assert.Equal(HttpStatusCode.OK, status);
        var jobs = admin.GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal(latest, jobs.Count);
        var finished = jobs.Where(j => j.GetProperty("jobstatus").GetString() == "finished").ToList();
        Assert.NotEmpty(finished);
        AssertEvery(
            finished,
            j =>
                Assert.True(
                    j.GetProperty("metastruct")
                        .GetProperty("resource")
                        .GetProperty("executor")
                        .GetProperty("nevents")
                        .GetInt64() > 0
                )
        );
        AssertEvery(
            shifter.GetProperty("jobs").EnumerateArray(),
            j => Assert.Equal(JsonValueKind.Null, j.GetProperty("metastruct").ValueKind)
        );
    }

    [Fact]
    public async Task OneJob_WithItsFiles_InBothSpellings()
    {
        var pandaId = await Db.ScalarAsync<long>(
            $"SELECT pandaid FROM doma_panda.jobsarchived4 j WHERE jobstatus = 'finished' AND NOT {Oracle.IsBlind} "
                + $"AND pandaid > 1000000 ORDER BY pandaid LIMIT 1"
        );
        var files = await Db.ScalarAsync<long>(
            "SELECT count(*) FROM doma_panda.filestable4 WHERE pandaid = @p",
            ("p", pandaId)
        );

        var (status, json, _) = await GetAsync($"/job?pandaid={pandaId}&json");
        var (_, slashed, _) = await GetAsync($"/job/{pandaId}/?json");

        Assert.Equal(HttpStatusCode.OK, status);
        var job = json.GetProperty("job");
        Assert.Equal(pandaId, job.GetProperty("pandaid").GetInt64());
        AssertEvery(PandaJobColumns.All, c => Assert.True(job.TryGetProperty(c, out _), c));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$", job.GetProperty("creationtime").GetString());
        Assert.DoesNotContain("/", job.GetProperty("transformation").GetString(), StringComparison.Ordinal);
        Assert.Matches(@"^\d+:\d+:\d\d:\d\d$", job.GetProperty("duration").GetString());
        Assert.Equal(files, json.GetProperty("files").GetArrayLength());
        AssertEvery(
            json.GetProperty("files").EnumerateArray(),
            f => Assert.Equal(pandaId, f.GetProperty("pandaid").GetInt64())
        );
        Assert.Equal(JsonValueKind.Array, json.GetProperty("dsfiles").ValueKind);
        Assert.Equal(job.GetRawText(), slashed.GetProperty("job").GetRawText());
    }

    [Fact]
    public async Task JobsJson_HasBigPandasKeysAndTypes_AndItsShapingParameters()
    {
        var (_, all, _) = await GetAsync("/jobs/?json&hours=6&_=1733059200");
        var (_, some, _) = await GetAsync("/jobs/?json&hours=6&fields=pandaid,jobstatus&outputs=jobs");
        var (bad, error, _) = await GetAsync("/jobs/?json&hours=6&fields=pandaid,nosuchfield");

        var job = all.GetProperty("jobs")[0];
        AssertEvery(
            PandaJobColumns.All.Concat([
                "durationsec",
                "waittimesec",
                "cpuefficiency",
                "category",
                "jobinfo",
                "errorinfo",
                "maxpssgbpercore",
            ]),
            k => Assert.True(job.TryGetProperty(k, out _), k)
        );
        var attempts = all.GetProperty("selectionsummary")
            .EnumerateArray()
            .Single(f => f.GetProperty("field").GetString() == "attemptnr");
        AssertEvery(
            attempts.GetProperty("list").EnumerateArray(),
            v =>
            {
                Assert.Equal(JsonValueKind.Number, v.GetProperty("kname").ValueKind);
                Assert.Equal(JsonValueKind.Number, v.GetProperty("kvalue").ValueKind);
            }
        );
        Assert.Equal(["pandaid", "jobstatus"], some.GetProperty("jobs")[0].EnumerateObject().Select(p => p.Name));
        Assert.False(some.TryGetProperty("selectionsummary", out _));
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains(
            "fields: 'nosuchfield' is not one of",
            error.GetProperty("error").GetString(),
            StringComparison.Ordinal
        );
        // Many bad items: each named once at most, the allowed list once; the answer is not a multiple of the list.
        var many = string.Join(",", Enumerable.Range(0, 300).Select(i => "x" + i));
        var (tooMany, manyJson, _) = await GetAsync($"/jobs/?json&hours=6&fields={many}");
        var manyError = manyJson.GetProperty("error").GetString()!;
        Assert.Equal(HttpStatusCode.BadRequest, tooMany);
        Assert.True(
            manyError.Contains(
                "fields: 'x0', 'x1', 'x2', 'x3', 'x4' and 295 more are none of",
                StringComparison.Ordinal
            ),
            manyError
        );
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(manyError, "\\bjobstatus\\b"));
        Assert.InRange(manyError.Length, 1, many.Length + string.Join(", ", PandaJobColumns.All).Length + 1000);
    }

    [Fact]
    public async Task Errors_AreJsonWithTheRightStatus_NeverAPageOrARedirect()
    {
        var (anonymous, anonymousJson, anonymousResponse) = await GetAsync("/tasks/?json", user: null);
        var (outsider, _, _) = await GetAsync("/jobs/?json&hours=1", "outsider");
        var (unknown, unknownJson, _) = await GetAsync("/job?pandaid=42&json");
        var (malformed, malformedJson, _) = await GetAsync("/job?pandaid=abc&json");
        var (noTask, _, _) = await GetAsync("/task/999999999/?json");
        var (badDays, badDaysJson, _) = await GetAsync("/tasks/?json&days=many");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal("Bearer", anonymousResponse.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains(
            "Authorization: Bearer",
            anonymousJson.GetProperty("error").GetString(),
            StringComparison.Ordinal
        );
        Assert.Equal(HttpStatusCode.Forbidden, outsider);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("No job with PandaID 42 in PanDA's job tables.", unknownJson.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, malformed);
        Assert.Contains(
            "'abc' is not a PandaID",
            malformedJson.GetProperty("error").GetString(),
            StringComparison.Ordinal
        );
        Assert.Equal(HttpStatusCode.NotFound, noTask);
        Assert.Equal(HttpStatusCode.BadRequest, badDays);
        Assert.Contains("days", badDaysJson.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskErrorsSitesDescriptionsAndStatusLog_HaveBigPandasShapes()
    {
        var task = await Db.ScalarAsync<long>(
            $"SELECT jeditaskid FROM doma_panda.jobsarchived4 j WHERE NOT {Oracle.IsBlind} AND jeditaskid > 1000 "
                + $"ORDER BY jeditaskid LIMIT 1"
        );
        var job = await Db.ScalarAsync<long>(
            "SELECT min(pandaid) FROM doma_panda.jobsarchived4 WHERE pandaid > 1000000"
        );
        var states = await Db.ColumnAsync<string>(
            "SELECT jobstatus FROM doma_panda.jobs_statuslog WHERE pandaid = @p ORDER BY modificationtime",
            ("p", job)
        );

        var (_, taskJson, _) = await GetAsync($"/task/{task}/?json");
        var (_, errors, _) = await GetAsync("/errors/?json&hours=24");
        var (_, sites, _) = await GetAsync("/sites/?json");
        var (_, descriptions, _) = await GetAsync("/api/joberrordescriptions/?json");
        var (_, log, _) = await GetAsync($"/jobstatuslog/{job}/?json");

        Assert.Equal(task, taskJson.GetProperty("task").GetProperty("jeditaskid").GetInt64());
        Assert.True(taskJson.TryGetProperty("taskparams", out _));
        AssertEvery(
            taskJson.GetProperty("datasets").EnumerateArray(),
            d => Assert.DoesNotContain(":", d.GetProperty("datasetname").GetString(), StringComparison.Ordinal)
        );
        foreach (var key in new[] { "jobSummary", "errsByCount", "errsBySite", "errsByUser", "errsByTask" })
        {
            Assert.Equal(JsonValueKind.Array, errors.GetProperty(key).ValueKind);
        }

        Assert.Equal(
            await Db.ColumnAsync<string>("SELECT panda_queue FROM doma_panda.schedconfig_json ORDER BY 1"),
            sites.EnumerateArray().Select(s => s.GetProperty("panda_queue").GetString()!)
        );
        AssertEvery(sites.EnumerateArray(), s => Assert.Equal("online", s.GetProperty("status").GetString()));
        Assert.Equal(
            await Db.ScalarAsync<long>("SELECT count(*) FROM doma_panda.error_descriptions"),
            descriptions.GetArrayLength()
        );
        Assert.Equal(states, log.EnumerateArray().Select(s => s.GetProperty("jobstatus").GetString()!));
    }

    [Fact]
    public async Task BlindTasksAndJobs_KeepTheirBlindFieldsFromAShifter_InEveryEndpoint()
    {
        var (pandaId, jobName) = await Db.FirstBlindJobAsync();
        var task = await Db.ScalarAsync<long>(
            "SELECT jeditaskid FROM doma_panda.jedi_datasets WHERE datasetname LIKE 'blind:%' ORDER BY 1 LIMIT 1"
        );

        var (_, job, _) = await GetAsync($"/job?pandaid={pandaId}&json", "shifter");
        var (_, taskJson, _) = await GetAsync($"/task/{task}/?json", "shifter");
        var (_, analystJob, _) = await GetAsync($"/job?pandaid={pandaId}&json", "analyst");

        Assert.Equal(JsonValueKind.Null, job.GetProperty("job").GetProperty("jobname").ValueKind);
        Assert.True(job.GetProperty("job").GetProperty("blinded").GetBoolean());
        Assert.Equal(0, job.GetProperty("files").GetArrayLength());
        Assert.Equal(jobName, analystJob.GetProperty("job").GetProperty("jobname").GetString());
        var shown = taskJson.GetProperty("task");
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("taskname").ValueKind);
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("dsinfo").GetProperty("neventsTot").ValueKind);
        Assert.Equal(JsonValueKind.Null, taskJson.GetProperty("taskparams").ValueKind);
        AssertEvery(
            taskJson.GetProperty("datasets").EnumerateArray(),
            d =>
            {
                Assert.Equal(JsonValueKind.Null, d.GetProperty("datasetname").ValueKind);
                Assert.Equal(JsonValueKind.Null, d.GetProperty("nevents").ValueKind);
            }
        );
        Assert.DoesNotContain("blind.", taskJson.GetRawText(), StringComparison.Ordinal);
    }

    private async Task<(T1, T2)> FirstAsync<T1, T2>(string sql)
    {
        await using var command = Db.Admin.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetFieldValue<T1>(0), reader.GetFieldValue<T2>(1));
    }
}
