using System.Diagnostics;

namespace ActorPool;

/// <summary>
/// Counts a map's tasks as they start and end, and reports to the caller's <see cref="IProgress{T}"/> at most once
/// per interval (from whichever thread ends a task then), and once more when the map ends; never after that one.
/// No lock is held while the caller's reporter runs, and nothing waits for it: one report is made at a time, and
/// a final report asked for while another is being made is made by that thread when it is done.
/// </summary>
internal sealed class MapProgressReporter(IProgress<MapProgress> progress, TimeSpan interval)
{
    private readonly long _interval = (long)(interval.TotalSeconds * Stopwatch.Frequency);
    private long _started;
    private long _nextReport;
    private long _completed;
    private long _failed;
    private int _inFlight;
    private int _reporting; // 1 while one thread makes a report
    private int _finalAsked;
    private bool _finalMade; // read and written only by the thread that holds _reporting

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

    /// <summary>
    /// The map has ended: the last report, made once, here or by the thread making a report now. Tasks a map left
    /// early may still be in flight.
    /// </summary>
    public void Finish()
    {
        Volatile.Write(ref _finalAsked, 1);
        TryReport();
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
        TryReport();
    }

    private void TryReport()
    {
        // A thread that finds another reporting leaves; the other sees a final report asked for meanwhile and makes it.
        while (Interlocked.CompareExchange(ref _reporting, 1, 0) == 0)
        {
            var final = Volatile.Read(ref _finalAsked) == 1;
            if (!_finalMade)
                Report(final);
            _finalMade |= final;
            Volatile.Write(ref _reporting, 0);
            if (_finalMade || Volatile.Read(ref _finalAsked) == 0)
                return;
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
