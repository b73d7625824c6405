namespace ActorPool.Supervision;

/// <summary>
/// Measures how long the parent's thread pool takes to run a work item from its global queue, where the first hop of a
/// child's answer to a liveness probe waits too (from DotNetty's thread to Akka.Remote's actors): one item in flight at a
/// time, sent at each probe tick, timed on the liveness clock.
/// </summary>
internal sealed class ThreadPoolEcho(Func<TimeSpan> clock)
{
    private readonly Func<TimeSpan> _clock = clock;
    private long _sentAt = -1;
    private long _ranAt = -1;
    private TimeSpan? _previousTick;

    /// <summary>
    /// Called at each probe tick: how much of the time since the previous tick the item waited for a thread (all of it
    /// since it was sent, if it still waits), so that a wait is reported once; then queues the next item, unless the last
    /// one still waits (its wait goes on being measured).
    /// </summary>
    public TimeSpan Tick(TimeSpan now)
    {
        var from = _previousTick ?? now;
        _previousTick = now;
        var sent = Volatile.Read(ref _sentAt);
        var ran = Volatile.Read(ref _ranAt);
        if (sent >= 0 && ran < sent)
            return Waited(TimeSpan.FromTicks(sent), now, from);
        Volatile.Write(ref _sentAt, _clock().Ticks);
        ThreadPool.UnsafeQueueUserWorkItem(static echo => Volatile.Write(ref echo._ranAt, echo._clock().Ticks), this, preferLocal: false);
        return sent >= 0 ? Waited(TimeSpan.FromTicks(sent), TimeSpan.FromTicks(ran), from) : TimeSpan.Zero;
    }

    // The part of the wait from sent to end that lies after from.
    private static TimeSpan Waited(TimeSpan sent, TimeSpan end, TimeSpan from)
    {
        var start = sent > from ? sent : from;
        return end > start ? end - start : TimeSpan.Zero;
    }
}
