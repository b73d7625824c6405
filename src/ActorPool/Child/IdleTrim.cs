namespace ActorPool.Child;

/// <summary>
/// Gives a child's memory back once it has been idle for a while: a full, compacting GC in aggressive mode returns
/// the committed but unused GC memory to the OS, and glibc then returns what was freed to malloc (<see cref="NativeHeap"/>).
/// A child that has just started or finished its tasks holds a few megabytes of such memory, which an idle pool would
/// otherwise keep for as long as it lives. So are the warm pages of its shared-memory area.
/// </summary>
internal sealed class IdleTrim
{
    private readonly TimeSpan _delay;
    private readonly Func<bool> _idle;
    private readonly Timer _timer;
    private readonly Action? _trimAlso;
    private bool _nativeTrim = true;

    /// <param name="delay">How long the child must stay idle; <see cref="Timeout.InfiniteTimeSpan"/> never trims.</param>
    /// <param name="idle">True while the child runs no task.</param>
    /// <param name="trimAlso">Gives back other memory the child keeps warm while busy.</param>
    public IdleTrim(TimeSpan delay, Func<bool> idle, Action? trimAlso = null)
    {
        _delay = delay;
        _idle = idle;
        _trimAlso = trimAlso;
        _timer = new Timer(static state => ((IdleTrim)state!).Trim(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>The child has just become idle: trim after the delay, unless a task arrives and is still running then.</summary>
    public void BecameIdle()
    {
        if (_delay != Timeout.InfiniteTimeSpan)
            _timer.Change(_delay, Timeout.InfiniteTimeSpan);
    }

    private void Trim()
    {
        if (!_idle())
            return;
        _trimAlso?.Invoke();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        // malloc_trim holds each arena's lock while it gives pages back: not while a task that arrived meanwhile runs.
        if (_nativeTrim && _idle())
            _nativeTrim = NativeHeap.Trim();
    }
}
