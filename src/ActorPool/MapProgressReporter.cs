using System.Diagnostics;

namespace ActorPool;

/// <summary>
/// Counts a map's tasks as they start and end, and reports to the caller's <see cref="IProgress{T}"/> at most once
/// per interval (from whichever thread ends a task then), and once more when the map ends.
/// </summary>
internal sealed class MapProgressReporter(IProgress<MapProgress> progress, TimeSpan interval)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _completed;
    private long _failed;
    private int _inFlight;
    private long _nextReport = Stopwatch.GetTimestamp() + (long)(interval.TotalSeconds * Stopwatch.Frequency);
    private int _final;

    public Task<R> Track<R>(Task<R> task)
    {
        Interlocked.Increment(ref _inFlight);
        task.ContinueWith(
            static (t, state) => ((MapProgressReporter)state!).Ended(t.IsCompletedSuccessfully),
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>The map has ended: the last report, made once.</summary>
    public void Finish()
    {
        if (Interlocked.Exchange(ref _final, 1) == 0)
            progress.Report(Snapshot(isFinal: true));
    }

    private void Ended(bool succeeded)
    {
        Interlocked.Increment(ref succeeded ? ref _completed : ref _failed);
        Interlocked.Decrement(ref _inFlight);
        var now = Stopwatch.GetTimestamp();
        var due = Volatile.Read(ref _nextReport);
        // One thread wins each interval's report; the others go on.
        if (now >= due && Volatile.Read(ref _final) == 0
            && Interlocked.CompareExchange(ref _nextReport, now + (long)(interval.TotalSeconds * Stopwatch.Frequency), due) == due)
        {
            progress.Report(Snapshot(isFinal: false));
        }
    }

    private MapProgress Snapshot(bool isFinal)
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var completed = Interlocked.Read(ref _completed);
        var failed = Interlocked.Read(ref _failed);
        var rate = elapsed > TimeSpan.Zero ? (completed + failed) / elapsed.TotalSeconds : 0;
        return new MapProgress(completed, failed, Volatile.Read(ref _inFlight), rate, elapsed, isFinal);
    }
}
