namespace DarkSide.DevIam;

/// <summary>INDIGO IAM's token profiles (docs/iam-groups.md, "Profiles"); a client is bound to one, as in
/// IAM.</summary>
public enum TokenProfile
{
    Iam,
    Wlcg,
    Aarc,
}

/// <summary>One registered client: its profile and the redirect URIs it may use.</summary>
public sealed class DevIamClient
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "dev-secret";

    public TokenProfile Profile { get; set; } = TokenProfile.Wlcg;

    public string[] RedirectUris { get; set; } = [];

    /// <summary>
    /// The audience of this client's access tokens (IAM: requested by the client); empty keeps the profile's default.
    /// </summary>
    public string Audience { get; set; } = "";

    /// <summary>
    /// Access-token lifetime for this client (IAM allows per-client overrides); 0 means the server default.
    /// </summary>
    public int AccessTokenSeconds { get; set; }
}

/// <summary>A demo account; its groups are IAM group names (full path without the leading slash).</summary>
public sealed class DevIamUser
{
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string Name { get; set; } = "";

    public string[] Groups { get; set; } = [];

    /// <summary>IAM's sub is the account's UUID: opaque and stable.</summary>
    public string Subject =>
        new Guid(
            System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes("deviam:" + UserName))
        ).ToString();
}

/// <summary>The development IAM's settings (section "DevIam").</summary>
public sealed class DevIamOptions
{
    public const string SectionName = "DevIam";

    /// <summary>The issuer, published with a trailing slash as IAM does, e.g. http://127.0.0.1:5158/.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>
    /// Optional groups (IAM label wlcg.optional-group): in the WLCG profile only when requested by wlcg.groups:/path.
    /// </summary>
    public string[] OptionalGroups { get; set; } = ["darkside/blind", "darkside/admins"];

    /// <summary>IAM_AARC_PROFILE_URN_NID and delegated namespace.</summary>
    public string AarcUrnPrefix { get; set; } = "urn:geant:vo.darkside.org:group:";

    public int AccessTokenMinutes { get; set; } = 60;

    /// <summary>IAM's default ID token lifetime is 600 s.</summary>
    public int IdTokenMinutes { get; set; } = 10;

    public string OrganisationName { get; set; } = "darkside";

    public List<DevIamClient> Clients { get; set; } = [];

    public List<DevIamUser> Users { get; set; } =
    [
        new()
        {
            UserName = "shifter",
            Password = "shifter",
            Name = "Sam Shifter",
            Groups = ["darkside", "darkside/shifters"],
        },
        new()
        {
            UserName = "analyst",
            Password = "analyst",
            Name = "Ana Analyst",
            Groups = ["darkside", "darkside/blind"],
        },
        new()
        {
            UserName = "admin",
            Password = "admin",
            Name = "Adam Admin",
            Groups = ["darkside", "darkside/admins"],
        },
        new()
        {
            UserName = "outsider",
            Password = "outsider",
            Name = "Otto Outsider",
            Groups = ["cta"],
        },
    ];
}
