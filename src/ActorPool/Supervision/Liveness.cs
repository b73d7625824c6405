namespace ActorPool.Supervision;

/// <summary>What the parent makes of a child's silence: one that missed two probes takes no new task, one silent for
/// the liveness timeout is hung (stopped, deadlocked, swapping) and is killed.</summary>
internal enum LivenessVerdict
{
    Answering,
    Unresponsive,
    Hung,
}

/// <summary>Judges a child by how long it has not answered the liveness probes.</summary>
internal sealed class Liveness(TimeSpan interval, TimeSpan? timeout)
{
    /// <summary>Whether probes are sent at all (a timeout of "off" leaves children to Akka's own failure detector).</summary>
    public bool Probes => timeout is not null;

    public LivenessVerdict Judge(DateTime lastHeard, DateTime now)
    {
        var silent = now - lastHeard;
        if (silent > timeout)
            return LivenessVerdict.Hung;
        return silent > 2 * interval ? LivenessVerdict.Unresponsive : LivenessVerdict.Answering;
    }
}
