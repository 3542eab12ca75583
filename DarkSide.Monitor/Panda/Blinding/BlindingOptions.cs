namespace DarkSide.Monitor.Panda.Blinding;

/// <summary>Which Rucio scopes hold blind data. A job is blind when its task or its own datasets are in one.</summary>
public sealed class BlindingOptions
{
    public const string SectionName = "Blinding";

    public string[] BlindScopes { get; set; } = ["blind"];
}
