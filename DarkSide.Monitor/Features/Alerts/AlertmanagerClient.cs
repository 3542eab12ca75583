using System.Text.Json.Serialization;

namespace DarkSide.Monitor.Features.Alerts;

/// <summary>An alert as Alertmanager's API v2 takes it (POST /api/v2/alerts).</summary>
public sealed record PostableAlert(
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string> Annotations,
    [property: JsonPropertyName("startsAt")] DateTime StartsAt,
    [property: JsonPropertyName("endsAt")] DateTime EndsAt,
    [property: JsonPropertyName("generatorURL")] string? GeneratorUrl
);

/// <summary>An alert as Alertmanager holds it (GET /api/v2/alerts): whether it is silenced or inhibited.</summary>
public sealed record GettableAlert(
    [property: JsonPropertyName("labels")] Dictionary<string, string> Labels,
    [property: JsonPropertyName("status")] GettableAlertStatus Status,
    [property: JsonPropertyName("startsAt")] DateTime StartsAt
);

public sealed record GettableAlertStatus(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("silencedBy")] string[] SilencedBy,
    [property: JsonPropertyName("inhibitedBy")] string[] InhibitedBy
);

public sealed record SilenceMatcher(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("isRegex")] bool IsRegex,
    [property: JsonPropertyName("isEqual")] bool IsEqual = true
);

public sealed record PostableSilence(
    [property: JsonPropertyName("matchers")] IReadOnlyList<SilenceMatcher> Matchers,
    [property: JsonPropertyName("startsAt")] DateTime StartsAt,
    [property: JsonPropertyName("endsAt")] DateTime EndsAt,
    [property: JsonPropertyName("createdBy")] string CreatedBy,
    [property: JsonPropertyName("comment")] string Comment
);

public sealed record GettableSilence(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] SilenceStatus Status,
    [property: JsonPropertyName("matchers")] SilenceMatcher[] Matchers,
    [property: JsonPropertyName("startsAt")] DateTime StartsAt,
    [property: JsonPropertyName("endsAt")] DateTime EndsAt,
    [property: JsonPropertyName("createdBy")] string CreatedBy,
    [property: JsonPropertyName("comment")] string Comment
);

public sealed record SilenceStatus([property: JsonPropertyName("state")] string State);

internal sealed record SilenceCreated([property: JsonPropertyName("silenceID")] string SilenceId);

/// <summary>
/// Prometheus Alertmanager's API v2 at Alerts:AlertmanagerUrl (docs/alerting.md). Grouping, de-duplication, repeats,
/// routing, silences and inhibition are Alertmanager's; the monitor posts, reads and asks it to silence.
/// </summary>
public sealed class AlertmanagerClient(HttpClient http, AlertOptions options)
{
    public const string HttpClientName = "alertmanager";

    public bool IsConfigured => options.AlertmanagerUrl.Length > 0;

    public string Address => options.AlertmanagerUrl;

    private Uri Api(string path) => new(new Uri(options.AlertmanagerUrl.TrimEnd('/') + "/"), path);

    public async Task PostAlertsAsync(IReadOnlyList<PostableAlert> alerts, CancellationToken cancellationToken)
    {
        using var answer = await http.PostAsJsonAsync(Api("api/v2/alerts"), alerts, cancellationToken);
        await EnsureAsync(answer, "took no alerts", cancellationToken);
    }

    public async Task<IReadOnlyList<GettableAlert>> GetAlertsAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<GettableAlert[]>(Api("api/v2/alerts"), cancellationToken) ?? [];

    public async Task<IReadOnlyList<GettableSilence>> GetSilencesAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<GettableSilence[]>(Api("api/v2/silences"), cancellationToken) ?? [];

    public async Task<string> CreateSilenceAsync(PostableSilence silence, CancellationToken cancellationToken)
    {
        using var answer = await http.PostAsJsonAsync(Api("api/v2/silences"), silence, cancellationToken);
        await EnsureAsync(answer, "made no silence", cancellationToken);
        var created = await answer.Content.ReadFromJsonAsync<SilenceCreated>(cancellationToken);
        return created?.SilenceId ?? throw new HttpRequestException("Alertmanager answered without a silence ID.");
    }

    public async Task ExpireSilenceAsync(string id, CancellationToken cancellationToken)
    {
        using var answer = await http.DeleteAsync(Api("api/v2/silence/" + Uri.EscapeDataString(id)), cancellationToken);
        await EnsureAsync(answer, "did not expire the silence", cancellationToken);
    }

    private static async Task EnsureAsync(HttpResponseMessage answer, string what, CancellationToken token)
    {
        if (!answer.IsSuccessStatusCode)
        {
            // Alertmanager's error text names the field it refused; it holds nothing but what was sent.
            var text = await answer.Content.ReadAsStringAsync(token);
            throw new HttpRequestException(
                $"Alertmanager {what}: HTTP {(int)answer.StatusCode} {text.Trim()}",
                null,
                answer.StatusCode
            );
        }
    }
}
