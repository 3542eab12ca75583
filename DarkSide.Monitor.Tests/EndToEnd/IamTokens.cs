using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace DarkSide.Monitor.Tests.EndToEnd;

/// <summary>
/// Gets an access token from the development IAM the way a script would: code flow with PKCE, signing in by the form.
/// </summary>
public static class IamTokens
{
    /// <summary>Registered for the API clients; never contacted, the code is read from the redirect.</summary>
    public const string Callback = "http://127.0.0.1:9/callback";

    public static Task<string> AccessTokenAsync(string iamUrl, string clientId, string user, string scope) =>
        TokenAsync(iamUrl, clientId, user, scope, "access_token");

    /// <summary>
    /// The ID token of the same code flow: what a client gets to prove a sign-in, not to call APIs with.
    /// </summary>
    public static Task<string> IdTokenAsync(string iamUrl, string clientId, string user, string scope) =>
        TokenAsync(iamUrl, clientId, user, scope, "id_token");

    private static async Task<string> TokenAsync(
        string iamUrl,
        string clientId,
        string user,
        string scope,
        string tokenName
    ) => (await TokenResponseAsync(iamUrl, clientId, user, scope))[tokenName];

    /// <summary>
    /// Every token of one code flow by name (access_token, id_token, and refresh_token with offline_access).
    /// </summary>
    public static async Task<Dictionary<string, string>> TokenResponseAsync(
        string iamUrl,
        string clientId,
        string user,
        string scope
    )
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new() })
        {
            BaseAddress = new Uri(iamUrl),
        };
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = QueryHelpers.AddQueryString(
            "/authorize",
            new Dictionary<string, string?>
            {
                ["client_id"] = clientId,
                ["redirect_uri"] = Callback,
                ["response_type"] = "code",
                ["scope"] = scope,
                ["code_challenge"] = challenge,
                ["code_challenge_method"] = "S256",
                ["state"] = "s",
            }
        );

        Uri Next(HttpResponseMessage response) =>
            response.Headers.Location is { } location
                ? new Uri(http.BaseAddress!, location)
                : throw new InvalidOperationException(
                    $"IAM answered {(int)response.StatusCode} without a redirect: "
                        + $"{response.Content.ReadAsStringAsync().Result}"
                );

        var toLogin = await http.GetAsync(authorize);
        var returnUrl = QueryHelpers.ParseQuery(Next(toLogin).Query)["returnUrl"].ToString();
        var loggedIn = await http.PostAsync(
            "/login",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["username"] = user,
                    ["password"] = user,
                    ["returnUrl"] = returnUrl,
                }
            )
        );
        var toCallback = await http.GetAsync(Next(loggedIn));
        var code = QueryHelpers.ParseQuery(Next(toCallback).Query)["code"].ToString();
        var token = await http.PostAsync(
            "/token",
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["grant_type"] = "authorization_code",
                    ["code"] = code,
                    ["redirect_uri"] = Callback,
                    ["client_id"] = clientId,
                    ["client_secret"] = "dev-secret",
                    ["code_verifier"] = verifier,
                }
            )
        );
        using var json = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        return json
            .RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    /// <summary>The same token with one payload claim changed and the original signature: a forgery.</summary>
    public static string Forged(string token, string claim, object value)
    {
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            WebEncoders.Base64UrlDecode(parts[1])
        )!;
        payload[claim] = JsonSerializer.SerializeToElement(value);
        return $"{parts[0]}.{WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(payload))}.{parts[2]}";
    }

    /// <summary>The same claims, unsigned, with "alg": "none".</summary>
    public static string Unsigned(string token)
    {
        var parts = token.Split('.');
        var header = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"JWT\"}"));
        return $"{header}.{parts[1]}.";
    }
}
