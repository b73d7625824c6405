namespace ActorPool.Diagnostics;

/// <summary>
/// The pool's health as its supervisor last saw it, written by the supervisor and read from any thread. The
/// supervisor publishes after each change of its children and on its periodic tick, so a one-minute window moves on.
/// </summary>
internal sealed class HealthBoard(int minimumChildren)
{
    private static readonly TimeSpan s_recentStorm = TimeSpan.FromMinutes(1);

    private PoolHealth _current = new(
        PoolHealthStatus.Unhealthy, "The pool is starting.", 0, minimumChildren, 0, 0, null);

    private (bool, bool, int, int, int, int, DateTimeOffset?, bool) _last;

    public PoolHealth Current => Volatile.Read(ref _current);

    /// <summary>Works out the status from the supervisor's counts; the snapshot is replaced only when they changed.</summary>
    /// <param name="started">The pool's first children are ready.</param>
    /// <param name="terminated">The pool is terminated.</param>
    /// <param name="ready">Children that take tasks now.</param>
    /// <param name="starting">Children starting (a replacement for one that retires, among others).</param>
    /// <param name="failuresInARow">Children in a row that exited before they were ready.</param>
    /// <param name="recentFailures">Children that exited before they were ready in the last minute.</param>
    /// <param name="lastStorm">When a restart storm was last seen.</param>
    /// <param name="now">The time now.</param>
    public void Publish(bool started, bool terminated, int ready, int starting, int failuresInARow, int recentFailures, DateTimeOffset? lastStorm, DateTimeOffset now)
    {
        var recentStorm = lastStorm is { } last && now - last < s_recentStorm;
        var inputs = (started, terminated, ready, starting, failuresInARow, recentFailures, lastStorm, recentStorm);
        if (inputs == _last)
            return;
        _last = inputs;
        var (status, description) = (started, terminated) switch
        {
            (_, true) => (PoolHealthStatus.Unhealthy, "The pool is terminated."),
            (false, _) => (PoolHealthStatus.Unhealthy, "The pool is starting."),
            _ when failuresInARow >= PoolHealth.StormThreshold =>
                (PoolHealthStatus.Unhealthy, $"Restart storm: {failuresInARow} children in a row exited before they were ready."),
            _ when ready == 0 && starting == 0 => (PoolHealthStatus.Unhealthy, "No child is ready to take tasks, and none is starting."),
            // Recycling is routine: a child that retires has its replacement starting, and that is no loss of health.
            _ when ready + starting < minimumChildren =>
                (PoolHealthStatus.Degraded, $"{ready} of at least {minimumChildren} children are ready and {starting} starting."),
            _ when ready == 0 => (PoolHealthStatus.Degraded, $"No child is ready to take tasks at this moment; {starting} starting."),
            _ when recentStorm =>
                (PoolHealthStatus.Degraded, $"Children recovered from a restart storm at {lastStorm:O}."),
            _ => (PoolHealthStatus.Healthy, starting > 0 ? $"{ready} children are ready and {starting} starting." : $"{ready} children are ready."),
        };
        Volatile.Write(ref _current, new PoolHealth(status, description, ready, minimumChildren, failuresInARow, recentFailures, lastStorm));
    }

    /// <summary>The pool has ended: nothing the supervisor says afterwards changes that.</summary>
    public void Ended(string description) =>
        Volatile.Write(ref _current, _current with { Status = PoolHealthStatus.Unhealthy, Description = description, ReadyChildren = 0 });
}
