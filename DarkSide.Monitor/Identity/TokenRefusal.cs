using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// Why a bearer token was refused, and whom it claimed to be, for the audit trail. The claims of a refused token are
/// unverified: they are recorded as what the token says, shortened and stripped of control characters.
/// </summary>
public static class TokenRefusal
{
    private const string ItemKey = "darkside:token-refusal";
    private const int MaxClaimLength = 80;

    public static void Record(HttpContext context, string why) => context.Items[ItemKey] = why;

    public static string Describe(Exception exception) =>
        exception switch
        {
            SecurityTokenExpiredException => "expired",
            SecurityTokenNotYetValidException => "not yet valid",
            SecurityTokenInvalidIssuerException => "not issued by Iam:Authority",
            SecurityTokenInvalidAudienceException => "not for this monitor's audience",
            SecurityTokenInvalidAlgorithmException => "signed with an algorithm that is not allowed",
            SecurityTokenSignatureKeyNotFoundException => "signed with a key IAM does not publish",
            SecurityTokenInvalidSignatureException => "bad signature",
            SecurityTokenNoExpirationException => "no expiry",
            SecurityTokenMalformedException or ArgumentException => "not a JWT",
            _ => "refused (" + exception.GetType().Name + ")",
        };

    /// <summary>The audit detail of a 401 for a request that sent a bearer token.</summary>
    public static string Detail(HttpContext context)
    {
        var why = context.Items.TryGetValue(ItemKey, out var recorded) ? (string)recorded! : "refused";
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.Length > "Bearer ".Length ? header["Bearer ".Length..].Trim() : "";
        var claims = UnverifiedClaims(token);
        return "401: the bearer token was refused: "
            + why
            + (claims.Length == 0 ? "" : "; it claims " + claims + " (unverified)");
    }

    private static string UnverifiedClaims(string token)
    {
        try
        {
            var jwt = new JsonWebToken(token);
            var claims = jwt.Claims.ToList();
            var parts = new[] { "sub", "preferred_username", "iss", "aud" }
                .Select(name => (name, values: claims.Where(c => c.Type == name).Select(c => c.Value).ToList()))
                .Where(p => p.values.Count > 0)
                .Select(p => p.name + "=" + Clean(string.Join(" ", p.values)));
            return string.Join(", ", parts);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return "";
        }
    }

    private static string Clean(string value)
    {
        var text = new StringBuilder(Math.Min(value.Length, MaxClaimLength));
        foreach (var c in value.Where(c => !char.IsControl(c)).Take(MaxClaimLength))
        {
            text.Append(c);
        }

        return value.Length > MaxClaimLength ? text + "…" : text.ToString();
    }
}
