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
/// Judges a child by how long it has not answered the liveness probes (on a monotonic clock), and tells when the parent
/// itself stalled, so that the caller can start counting the children's silence again from then.
/// </summary>
internal sealed class Liveness(TimeSpan interval, TimeSpan? timeout)
{
    private TimeSpan? _previousTick;

    /// <summary>Whether probes are sent at all (a timeout of "off" leaves children to Akka's own failure detector).</summary>
    public bool Probes => timeout is not null;

    /// <summary>
    /// Called at each probe tick: true when the parent could not have heard its children on time since the last tick,
    /// because this tick came late or a work item took long to get a thread (<paramref name="poolDelay"/>). An
    /// application whose thread pool is busy with its own blocking calls or CPU-bound work stalls the parent's actors
    /// with it, and the children's answers wait in its queues, on a longer path than the tick's.
    /// </summary>
    public bool ParentStalled(TimeSpan now, TimeSpan poolDelay)
    {
        var late = _previousTick is { } previous ? now - previous - interval : TimeSpan.Zero;
        _previousTick = now;
        return late > interval / 2 || poolDelay > interval / 2;
    }

    public LivenessVerdict Judge(TimeSpan lastHeard, TimeSpan now)
    {
        var silent = now - lastHeard;
        if (silent > timeout)
            return LivenessVerdict.Hung;
        return silent > 2 * interval ? LivenessVerdict.Unresponsive : LivenessVerdict.Answering;
    }
}
