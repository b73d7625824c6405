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
/// Judges a child by how long it has not answered the liveness probes, on a monotonic clock, counting only the time in
/// which the parent itself was running.
/// </summary>
internal sealed class Liveness(TimeSpan interval, TimeSpan? timeout)
{
    private TimeSpan? _previousTick;

    /// <summary>Whether probes are sent at all (a timeout of "off" leaves children to Akka's own failure detector).</summary>
    public bool Probes => timeout is not null;

    /// <summary>
    /// Called at each probe tick; returns how much later than its interval the tick came. A parent whose thread pool is
    /// busy with its application's own work (blocking calls, a burst of CPU-bound work), or that was stopped or swapped
    /// out, runs its ticks late, and the children's answers wait in its queues for as long: their silence over that time
    /// is the parent's, so the caller moves each child's last answer that much later.
    /// </summary>
    public TimeSpan Tick(TimeSpan now)
    {
        var late = _previousTick is { } previous ? now - previous - interval : TimeSpan.Zero;
        _previousTick = now;
        return late > TimeSpan.Zero ? late : TimeSpan.Zero;
    }

    public LivenessVerdict Judge(TimeSpan lastHeard, TimeSpan now)
    {
        var silent = now - lastHeard;
        if (silent > timeout)
            return LivenessVerdict.Hung;
        return silent > 2 * interval ? LivenessVerdict.Unresponsive : LivenessVerdict.Answering;
    }
}
