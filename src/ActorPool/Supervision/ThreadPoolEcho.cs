namespace ActorPool.Supervision;

/// <summary>
/// Measures how long the parent's thread pool takes to run a work item from its global queue, where the first hop of a
/// child's answer to a liveness probe waits too (from DotNetty's thread to Akka.Remote's actors): one item in flight at a
/// time, sent at each probe tick, timed on the liveness clock.
/// </summary>
internal sealed class ThreadPoolEcho(Func<TimeSpan> clock)
{
    private long _sentAt = -1;
    private long _ranAt = -1;

    /// <summary>
    /// How much of the time from <paramref name="from"/> to <paramref name="now"/> the item waited for a thread (all of
    /// it since it was sent, if it still waits), so that a wait reported at one tick is not reported again at the next.
    /// </summary>
    public TimeSpan WaitedWithin(TimeSpan from, TimeSpan now)
    {
        var sent = Volatile.Read(ref _sentAt);
        if (sent < 0)
            return TimeSpan.Zero;
        var ran = Volatile.Read(ref _ranAt);
        var end = ran >= sent ? TimeSpan.FromTicks(ran) : now;
        var start = TimeSpan.FromTicks(sent) > from ? TimeSpan.FromTicks(sent) : from;
        return end > start ? end - start : TimeSpan.Zero;
    }

    /// <summary>Queues the next item, unless the last one still waits (its wait goes on being measured).</summary>
    public void Send()
    {
        var sent = Volatile.Read(ref _sentAt);
        if (sent >= 0 && Volatile.Read(ref _ranAt) < sent)
            return;
        Volatile.Write(ref _sentAt, clock().Ticks);
        ThreadPool.UnsafeQueueUserWorkItem(static echo => Volatile.Write(ref echo._ranAt, echo.Now()), this, preferLocal: false);
    }

    private long Now() => clock().Ticks;
}
