namespace DarkSide.Monitor.Access;

/// <summary>
/// Who is asking, whether they may see blind data, and whether they are an admin (who may read job parameters and
/// metadata). Every data method takes one.
/// </summary>
public sealed record ViewerAccess(string Name, bool CanSeeBlindData, bool IsAdmin = false)
{
    public override string ToString() => CanSeeBlindData ? $"{Name} (blind access)" : $"{Name} (no blind access)";
}
