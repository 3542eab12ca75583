namespace DarkSide.Monitor.Identity;

/// <summary>How the monitor knows who is asking.</summary>
public enum SignInMode
{
    /// <summary>OpenID Connect against the experiment's INDIGO IAM (or the development IAM in Development).</summary>
    Iam,

    /// <summary>
    /// No login; every request acts as DevelopmentViewer. Refused outside the Development environment.
    /// </summary>
    DevelopmentViewer,
}

/// <summary>What a viewer without blind access gets for a blind job.</summary>
public enum BlindJobMode
{
    /// <summary>The job is listed and counted, its blind-only fields are withheld ("blinded").</summary>
    Redact,

    /// <summary>The job is left out entirely, as if it did not exist.</summary>
    Hide,
}

/// <summary>
/// The IAM client registration and the group → access mapping (docs/iam-groups.md). Groups are WLCG paths
/// ("/darkside/blind") and match exactly: a child group never implies its parent, and no prefix matching.
/// </summary>
public sealed class IamOptions
{
    public const string SectionName = "Iam";

    public SignInMode Mode { get; set; } = SignInMode.Iam;

    /// <summary>
    /// The issuer exactly as IAM publishes it in discovery (with its trailing slash), e.g. https://vo.darkside.org/.
    /// </summary>
    public string Authority { get; set; } = "";

    /// <summary>
    /// Discovery document; defaults to Authority + .well-known/openid-configuration (never MIW's /v2.0 form).
    /// </summary>
    public string? MetadataAddress { get; set; }

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>
    /// What the monitor asks IAM for. Under the WLCG profile, optional groups (label wlcg.optional-group) are asserted
    /// only when requested by name, so every optional group the access mapping uses is requested here.
    /// </summary>
    public string[] Scopes { get; set; } =
    [
        "openid",
        "profile",
        "email",
        "offline_access",
        "wlcg.groups",
        "wlcg.groups:/darkside/blind",
        "wlcg.groups:/darkside/admins",
    ];

    /// <summary>Only the development IAM on loopback may be plain HTTP, and only in Development.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The AARC entitlement prefix up to and including ":group:" (IAM_AARC_PROFILE_URN_*).</summary>
    public string AarcEntitlementPrefix { get; set; } = "urn:geant:vo.darkside.org:group:";

    /// <summary>Read the Keycloak-profile "roles" claim as groups too.</summary>
    public bool UseRolesClaim { get; set; }

    /// <summary>The VO's root group; groups outside it are ignored (WLCG: the root group is the VO).</summary>
    public string VoGroup { get; set; } = "/darkside";

    /// <summary>May sign in and see non-blind data.</summary>
    public string[] MemberGroups { get; set; } = ["/darkside"];

    /// <summary>May see blind data (members only).</summary>
    public string[] BlindGroups { get; set; } = ["/darkside/blind"];

    /// <summary>
    /// Shifters may silence alerts (members only; admins may too). Under the WLCG profile, if IAM marks the group
    /// optional, add its scope (wlcg.groups:/darkside/shifters) to Scopes.
    /// </summary>
    public string[] ShifterGroups { get; set; } = ["/darkside/shifters"];

    /// <summary>Admin views: job parameters and metadata, the audit log (members only).</summary>
    public string[] AdminGroups { get; set; } = ["/darkside/admins"];

    /// <summary>Audiences accepted on API bearer tokens, besides ClientId.</summary>
    public string[] ApiAudiences { get; set; } = ["https://wlcg.cern.ch/jwt/v1/any"];

    public BlindJobMode BlindJobs { get; set; } = BlindJobMode.Redact;

    /// <summary>Tolerance for clock differences when checking an API token's lifetime.</summary>
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary>How often a live page re-checks the signed-in user's access with IAM (seconds).</summary>
    public int RevalidationSeconds { get; set; } = 180;

    public string EffectiveMetadataAddress =>
        string.IsNullOrWhiteSpace(MetadataAddress)
            ? Authority.TrimEnd('/') + "/.well-known/openid-configuration"
            : MetadataAddress;
}
