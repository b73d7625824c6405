using System.Diagnostics;

namespace ActorPool.Supervision;

/// <summary>
/// Measures how long the parent's thread pool takes to run a work item from its global queue, where a child's answer
/// to a liveness probe waits too (Akka.Remote's actors run there): one item in flight at a time, sent at each probe tick.
/// </summary>
internal sealed class ThreadPoolEcho
{
    private long _sentAt;
    private long _ranAt;

    /// <summary>How long the last item waited, or has waited so far if it has not run yet; zero before the first.</summary>
    public TimeSpan Delay()
    {
        var sent = Volatile.Read(ref _sentAt);
        if (sent == 0)
            return TimeSpan.Zero;
        var ran = Volatile.Read(ref _ranAt);
        return ran >= sent ? Stopwatch.GetElapsedTime(sent, ran) : Stopwatch.GetElapsedTime(sent);
    }

    /// <summary>Queues the next item, unless the last one still waits (it would be measured again, later).</summary>
    public void Send()
    {
        var sent = Volatile.Read(ref _sentAt);
        if (sent != 0 && Volatile.Read(ref _ranAt) < sent)
            return;
        Volatile.Write(ref _sentAt, Stopwatch.GetTimestamp());
        ThreadPool.UnsafeQueueUserWorkItem(static echo => Volatile.Write(ref echo._ranAt, Stopwatch.GetTimestamp()), this, preferLocal: false);
    }
}
