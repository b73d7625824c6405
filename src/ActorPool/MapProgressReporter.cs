using System.Diagnostics;

namespace ActorPool;

/// <summary>
/// Counts a map's tasks as they start and end, and reports to the caller's <see cref="IProgress{T}"/> at most once
/// per interval (from whichever thread ends a task then), and once more when the map ends; never after that one.
/// </summary>
internal sealed class MapProgressReporter(IProgress<MapProgress> progress, TimeSpan interval)
{
    private readonly long _interval = (long)(interval.TotalSeconds * Stopwatch.Frequency);
    private readonly object _reporting = new();
    private long _started;
    private long _nextReport;
    private long _completed;
    private long _failed;
    private int _inFlight;
    private bool _final;

    /// <summary>The map starts now: its clock, and the first interval, begin here rather than when the reporter was made.</summary>
    public void Start()
    {
        _started = Stopwatch.GetTimestamp();
        Volatile.Write(ref _nextReport, _started + _interval);
    }

    public Task<R> Track<R>(Task<R> task)
    {
        Interlocked.Increment(ref _inFlight);
        task.ContinueWith(
            static (t, state) => ((MapProgressReporter)state!).Ended(t.IsCompletedSuccessfully),
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>The map has ended: the last report, made once. Tasks a map left early may still be in flight.</summary>
    public void Finish()
    {
        lock (_reporting)
        {
            if (_final)
                return;
            _final = true;
            Report(isFinal: true);
        }
    }

    private void Ended(bool succeeded)
    {
        Interlocked.Increment(ref succeeded ? ref _completed : ref _failed);
        Interlocked.Decrement(ref _inFlight);
        var now = Stopwatch.GetTimestamp();
        var due = Volatile.Read(ref _nextReport);
        // One thread wins each interval's report; the others go on without waiting.
        if (now < due || Interlocked.CompareExchange(ref _nextReport, now + _interval, due) != due)
            return;
        lock (_reporting)
        {
            if (!_final)
                Report(isFinal: false);
        }
    }

    private void Report(bool isFinal)
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var completed = Interlocked.Read(ref _completed);
        var failed = Interlocked.Read(ref _failed);
        var rate = elapsed > TimeSpan.Zero ? (completed + failed) / elapsed.TotalSeconds : 0;
        try
        {
            progress.Report(new MapProgress(completed, failed, Volatile.Read(ref _inFlight), rate, elapsed, isFinal));
        }
        catch (Exception)
        {
            // The caller's reporter failing is no reason to fail the map, or to lose its results.
        }
    }
}
