namespace ActorPool.Supervision;

/// <summary>
/// What the pool does about children that exit before they are ready. One killed from outside (SIGKILL or SIGTERM, with
/// nothing written on its standard error: the OOM killer, an operator) is started again after a backoff that doubles
/// with each kill in a row, without end: the pool stays up and its tasks wait or run on the other children. Any other
/// (the child host cannot start: a missing file, a runtime that fails and says why) counts toward
/// <see cref="MaxHostFailures"/> in a row, after which the pool gives up with the cause. A child that becomes ready
/// starts both counts again.
/// </summary>
internal sealed class StartFailures
{
    /// <summary>Children in a row that exit by themselves before they are ready, after which the pool gives up.</summary>
    public const int MaxHostFailures = 3;

    private static readonly TimeSpan s_firstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_window = TimeSpan.FromMinutes(1);

    private readonly Queue<DateTime> _recent = new();
    private int _kills;
    private int _hostFailures;

    /// <summary>
    /// True for a process ended by SIGKILL or SIGTERM (exit code 128 + signal) that had said nothing on its standard
    /// error: a runtime that fails to start may end the same way, but says why first.
    /// </summary>
    public static bool KilledFromOutside(int exitCode, bool wroteErrors) => exitCode is 128 + 9 or 128 + 15 && !wroteErrors;

    /// <summary>A child exited before it was ready: how long to wait before starting the next one, or null to give up.</summary>
    public TimeSpan? ExitedBeforeReady(int exitCode, bool wroteErrors, DateTime now)
    {
        if (KilledFromOutside(exitCode, wroteErrors))
            return KilledWhileStarting(now);
        _recent.Enqueue(now);
        return ++_hostFailures >= MaxHostFailures ? null : Backoff(_hostFailures);
    }

    /// <summary>A child was killed before it was ready (from outside, or by the pool for an overdue start): the backoff before the next.</summary>
    public TimeSpan KilledWhileStarting(DateTime now)
    {
        _recent.Enqueue(now);
        return Backoff(++_kills);
    }

    /// <summary>How many children in a row exited before they were ready, whatever ended them.</summary>
    public int InARow => _kills + _hostFailures;

    /// <summary>How many children in a row exited by themselves before they were ready.</summary>
    public int HostFailures => _hostFailures;

    /// <summary>A child became ready: the counts start again.</summary>
    public void ChildReady()
    {
        _kills = 0;
        _hostFailures = 0;
    }

    /// <summary>Children that exited before they were ready in the last minute: a restart storm shows here.</summary>
    public int RecentFailures(DateTime now)
    {
        while (_recent.Count > 0 && now - _recent.Peek() > s_window)
            _recent.Dequeue();
        return _recent.Count;
    }

    private static TimeSpan Backoff(int inARow) =>
        TimeSpan.FromTicks(Math.Min(s_maxBackoff.Ticks, s_firstBackoff.Ticks << Math.Min(inARow - 1, 16)));
}
