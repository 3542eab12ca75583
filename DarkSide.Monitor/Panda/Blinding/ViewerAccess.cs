namespace DarkSide.Monitor.Panda.Blinding;

/// <summary>
/// Who is asking, whether they may see blind data, and whether they are an admin (who may read job parameters and
/// metadata). Every data method takes one.
/// </summary>
public sealed record ViewerAccess(string Name, bool CanSeeBlindData, bool IsAdmin = false)
{
    /// <summary>
    /// IAM's subject (the stable user id) when the viewer signed in or sent a token; for the audit trail.
    /// </summary>
    public string? Subject { get; init; }

    /// <summary>The monitor's session of a signed-in browser; audit rows once per session use it.</summary>
    public string? Session { get; init; }

    /// <summary>
    /// Iam:BlindJobs=Hide: for a viewer without blind access, blind jobs and tasks do not exist at all.
    /// </summary>
    public bool HidesBlindJobs { get; init; }

    /// <summary>Leaves out blind jobs entirely (rather than redacting them) for this viewer.</summary>
    public bool ExcludesBlindJobs => HidesBlindJobs && !CanSeeBlindData;

    /// <summary>The viewer a shared live feed reads as: the same blind rules, no name and no admin rights.</summary>
    public ViewerAccess ForSharedFeed(string name) =>
        this with
        {
            Name = name,
            IsAdmin = false,
            Subject = null,
            Session = null,
        };

    public override string ToString() => CanSeeBlindData ? $"{Name} (blind access)" : $"{Name} (no blind access)";
}
