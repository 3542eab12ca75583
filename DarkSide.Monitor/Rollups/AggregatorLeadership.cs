using DarkSide.Monitor.Store;

namespace DarkSide.Monitor.Rollups;

/// <summary>Which instance aggregates the usage rollups (see <see cref="MonitorLeadership"/>).</summary>
public sealed class AggregatorLeadership(MonitorDatabase monitor, ILogger<AggregatorLeadership> logger)
    : MonitorLeadership(
        monitor,
        logger,
        0x44534c44 /* "DSLD" */
        ,
        "the usage aggregator"
    );
