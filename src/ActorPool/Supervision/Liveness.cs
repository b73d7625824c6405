namespace ActorPool.Supervision;

/// <summary>What the parent makes of a child's silence: one that missed two probes takes no new task, one silent for
/// the liveness timeout is hung (stopped, deadlocked, swapping) and is killed.</summary>
internal enum LivenessVerdict
{
    Answering,
    Unresponsive,
    Hung,
}

/// <summary>
/// Judges a child by how long it has not answered the liveness probes (on a monotonic clock), less the time in which
/// the parent itself stalled and so could not have heard it.
/// </summary>
internal sealed class Liveness(TimeSpan interval, TimeSpan? timeout)
{
    /// <summary>However often the parent stalls, a child silent for this many timeouts is hung.</summary>
    internal const int MostTimeoutsForgiven = 10;

    private TimeSpan? _previousTick;

    /// <summary>Whether probes are sent at all (a timeout of "off" leaves children to Akka's own failure detector).</summary>
    public bool Probes => timeout is not null;

    /// <summary>
    /// Called at each probe tick: how much of the time since the last tick the parent itself stalled, which is not to
    /// count as its children's silence. An application whose thread pool is busy with its own blocking calls or CPU-bound
    /// work stalls the parent's actors with it, and the children's answers wait in its queues: the evidence is this tick
    /// coming late, or a work item queued at the last tick waiting for a thread (<paramref name="poolWait"/>, which the
    /// answers' longer path waits for more than once). Waits of up to half an interval are the clocks' jitter, not stalls.
    /// </summary>
    public TimeSpan ParentStall(TimeSpan now, TimeSpan poolWait)
    {
        var elapsed = _previousTick is { } previous ? now - previous : TimeSpan.Zero;
        _previousTick = now;
        var stall = elapsed - interval > poolWait ? elapsed - interval : poolWait;
        if (stall <= interval / 2)
            return TimeSpan.Zero;
        return stall < elapsed ? stall : elapsed;
    }

    /// <param name="lastHeard">When the child last answered.</param>
    /// <param name="parentStalls">The parent's own stalls since then (<see cref="ParentStall"/>).</param>
    /// <param name="now">The liveness clock now.</param>
    public LivenessVerdict Judge(TimeSpan lastHeard, TimeSpan parentStalls, TimeSpan now)
    {
        var silent = now - lastHeard - parentStalls;
        if (silent > timeout || now - lastHeard > MostTimeoutsForgiven * timeout)
            return LivenessVerdict.Hung;
        return silent > 2 * interval ? LivenessVerdict.Unresponsive : LivenessVerdict.Answering;
    }
}
