using System.Threading.Tasks.Sources;

namespace ActorPool;

/// <summary>
/// The slots of a map's tasks in flight. Their number is read again before each task starts and only grows, so that a
/// map started before worker hosts joined takes them up as they come; when hosts leave, the surplus waits in the
/// supervisor's queue, which is harmless.
/// </summary>
/// <remarks>
/// One producer takes slots and one or more consumers give them back. A map of small tasks waits for a slot at nearly
/// every task, so the wait is a reused value-task source rather than a semaphore's task, and the map's token is
/// registered once, not at each wait.
/// </remarks>
internal sealed class MapWindow : IValueTaskSource, IDisposable
{
    private readonly Func<int> _size;
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenRegistration _registration;
    private ManualResetValueTaskSourceCore<bool> _wake; // the producer's, reset before each wait
    // The free slots, or -1 while the producer waits for one: one word, so that a release and a wait always see each
    // other (a count beside a separate waiting flag lost a wake-up when a release read the flag before the wait set it).
    private int _free;
    private int _granted; // only the producer reads and writes it

    public MapWindow(Func<int> size, CancellationToken cancellationToken)
    {
        _size = size;
        _granted = _free = Math.Max(1, size());
        _cancellationToken = cancellationToken;
        // As a semaphore's waiter does: the producer (and the source it pulls) never runs on a consumer's thread.
        _wake.RunContinuationsAsynchronously = true;
        _registration = cancellationToken.UnsafeRegister(static state => ((MapWindow)state!).Cancel(), this);
    }

    /// <summary>Takes a free slot, waiting for one if there is none (the producer's side).</summary>
    /// <returns>Completes with the slot taken, or cancelled when the map's token is.</returns>
    public ValueTask WaitAsync()
    {
        Grow();
        if (_cancellationToken.IsCancellationRequested)
            return ValueTask.FromCanceled(_cancellationToken);
        _wake.Reset();
        var version = _wake.Version;
        if (Interlocked.Decrement(ref _free) >= 0)
            return default;
        // Waiting now; the token may have been cancelled since the first look, before the wait could be seen.
        if (_cancellationToken.IsCancellationRequested && Interlocked.CompareExchange(ref _free, 0, -1) == -1)
            return ValueTask.FromCanceled(_cancellationToken);
        return new ValueTask(this, version);
    }

    /// <summary>Frees a slot (the consumer's side): straight to the producer if it waits for one.</summary>
    public void Release()
    {
        if (Interlocked.Increment(ref _free) == 0)
            _wake.SetResult(true);
    }

    public void Dispose() => _registration.Dispose();

    // Only the producer grows the window, and never while it waits.
    private void Grow()
    {
        var size = _size();
        if (size > _granted)
        {
            Interlocked.Add(ref _free, size - _granted);
            _granted = size;
        }
    }

    private void Cancel()
    {
        if (Interlocked.CompareExchange(ref _free, 0, -1) == -1)
            _wake.SetException(new OperationCanceledException(_cancellationToken));
    }

    void IValueTaskSource.GetResult(short token) => _wake.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _wake.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _wake.OnCompleted(continuation, state, token, flags);
}
