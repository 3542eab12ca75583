namespace DarkSide.Monitor.Access;

/// <summary>Who is asking, and whether they may see blind data. Every data method takes one.</summary>
public sealed record ViewerAccess(string Name, bool CanSeeBlindData)
{
    public override string ToString() => CanSeeBlindData ? $"{Name} (blind access)" : $"{Name} (no blind access)";
}
