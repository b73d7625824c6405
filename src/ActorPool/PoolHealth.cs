namespace ActorPool;

/// <summary>How a pool is doing, for a health check: see <see cref="ProcessPool.Health"/>.</summary>
/// <param name="Status">Healthy, degraded or unhealthy; <paramref name="Description"/> says why.</param>
/// <param name="Description">One sentence on the status, for an operator.</param>
/// <param name="ReadyChildren">Children that take tasks now.</param>
/// <param name="MinimumChildren">Children the pool keeps at least (<see cref="PoolOptions.MinProcesses"/>, else <see cref="PoolOptions.Processes"/>).</param>
/// <param name="StartFailuresInARow">Children in a row that exited before they were ready, since one last became ready.</param>
/// <param name="RecentStartFailures">Children that exited before they were ready in the last minute.</param>
/// <param name="LastRestartStorm">When children last failed to start <see cref="PoolHealth.StormThreshold"/> times in a row; null if never.</param>
public sealed record PoolHealth(
    PoolHealthStatus Status,
    string Description,
    int ReadyChildren,
    int MinimumChildren,
    int StartFailuresInARow,
    int RecentStartFailures,
    DateTimeOffset? LastRestartStorm)
{
    /// <summary>Children in a row that exit before they are ready, from which the pool is in a restart storm.</summary>
    public const int StormThreshold = 3;
}

/// <summary>The status of a <see cref="PoolHealth"/>, in the order of Microsoft.Extensions.Diagnostics.HealthChecks' own.</summary>
public enum PoolHealthStatus
{
    /// <summary>The pool is starting, closed or terminated, has no child ready and none starting, or is in a restart storm (children keep dying as they start).</summary>
    Unhealthy = 0,

    /// <summary>
    /// The pool serves with less than it should: fewer children ready or starting than its minimum, no child ready at
    /// this moment (all being replaced), or a restart storm in the last minute.
    /// </summary>
    Degraded = 1,

    /// <summary>The pool has its minimum of children ready or starting (a child being recycled is routine), and no recent restart storm.</summary>
    Healthy = 2,
}
