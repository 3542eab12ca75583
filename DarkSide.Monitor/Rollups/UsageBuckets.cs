namespace DarkSide.Monitor.Rollups;

/// <summary>
/// The fixed histogram buckets of the rollups. A median or p95 read from them is exact to within one bucket:
/// 0.25 GB of PSS per core, and walltime edges that widen with the time (5 minutes at first, 12 hours at the end).
/// The open top buckets keep their jobs' exact values (the tails), so a quantile that falls there is exact.
/// </summary>
public static class UsageBuckets
{
    public const double PssBucketGb = 0.25;

    /// <summary>Buckets 0..23 are [k·0.25, (k+1)·0.25) GB per core; bucket 24 holds 6 GB per core and more.</summary>
    public const int PssBucketCount = 25;

    /// <summary>Walltime bucket k holds jobs with edges[k-1] ≤ walltime &lt; edges[k] (bucket 0 below the first
    /// edge).</summary>
    public static readonly IReadOnlyList<long> WalltimeEdgesSeconds =
    [
        300,
        600,
        1200,
        1800,
        2700,
        3600,
        5400,
        7200,
        10800,
        14400,
        21600,
        28800,
        43200,
        64800,
        86400,
        129600,
        172800,
    ];

    public static int WalltimeBucketCount => WalltimeEdgesSeconds.Count + 1;

    public static IReadOnlyList<string> PssColumns { get; } =
        Enumerable.Range(0, PssBucketCount).Select(i => $"pss_b{i:D2}").ToArray();

    public static IReadOnlyList<string> WalltimeColumns { get; } =
        Enumerable.Range(0, WalltimeBucketCount).Select(i => $"wall_b{i:D2}").ToArray();

    /// <summary>The lower edge of PSS bucket <paramref name="bucket"/> in GB per core.</summary>
    public static double PssLowerGb(int bucket) => bucket * PssBucketGb;

    /// <summary>The label of a PSS bucket on a chart axis and in CSV, e.g. "1.25–1.50" or "≥ 6.00".</summary>
    public static string PssLabel(int bucket) =>
        bucket == PssBucketCount - 1
            ? FormattableString.Invariant($"≥ {PssLowerGb(bucket):F2}")
            : FormattableString.Invariant($"{PssLowerGb(bucket):F2}–{PssLowerGb(bucket + 1):F2}");

    public static (double Lower, double? Upper) WalltimeBucketSeconds(int bucket) =>
        (
            bucket == 0 ? 0 : WalltimeEdgesSeconds[bucket - 1],
            bucket < WalltimeEdgesSeconds.Count ? WalltimeEdgesSeconds[bucket] : null
        );

    /// <summary>
    /// The quantile <paramref name="q"/> (0..1) of a bucketed distribution, interpolated linearly inside its bucket;
    /// in the open last bucket, the value of that rank from <paramref name="tail"/> (its jobs' values, ascending), or
    /// its lower edge without one. Null when there are no jobs.
    /// </summary>
    public static double? Quantile(
        IReadOnlyList<long> counts,
        double q,
        Func<int, (double Lower, double? Upper)> edges,
        IReadOnlyList<double>? tail = null
    )
    {
        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = q * total;
        long below = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] > 0 && below + counts[i] >= rank)
            {
                var (lower, upper) = edges(i);
                if (upper is { } u)
                {
                    return lower + (u - lower) * Math.Clamp((rank - below) / counts[i], 0, 1);
                }

                return tail is { Count: > 0 }
                    ? tail[(int)Math.Clamp(Math.Ceiling(rank - below) - 1, 0, tail.Count - 1)]
                    : lower;
            }

            below += counts[i];
        }

        return edges(counts.Count - 1).Lower;
    }

    /// <param name="tailGb">PSS per core of the jobs in the top bucket (6 GB and more), ascending.</param>
    public static double? PssQuantileGb(IReadOnlyList<long> counts, double q, IReadOnlyList<double>? tailGb = null) =>
        Quantile(counts, q, i => (PssLowerGb(i), i < PssBucketCount - 1 ? PssLowerGb(i + 1) : null), tailGb);

    /// <param name="tailSeconds">Walltimes of the jobs in the top bucket (48 hours and more), ascending.</param>
    public static double? WalltimeQuantileSeconds(
        IReadOnlyList<long> counts,
        double q,
        IReadOnlyList<double>? tailSeconds = null
    ) => Quantile(counts, q, WalltimeBucketSeconds, tailSeconds);

    /// <summary>A tail read from the rollups (MB per core), in GB and ascending.</summary>
    public static IReadOnlyList<double> TailGb(object? megabytes) =>
        megabytes is float[] values ? values.Select(v => v / 1024.0).Order().ToArray() : [];
}
