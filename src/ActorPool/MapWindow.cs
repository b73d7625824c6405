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
    private int _free;
    private int _granted; // only the producer reads and writes it
    private int _waiting; // 1 while the producer waits; whoever sets it back to 0 wakes it

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
        if (TryTake())
            return default;
        _wake.Reset();
        var version = _wake.Version;
        Interlocked.Exchange(ref _waiting, 1);
        // A slot freed, or the token cancelled, between the first look and now: withdraw the wait if nobody claimed it.
        if (TryTake())
        {
            if (Interlocked.Exchange(ref _waiting, 0) == 1)
                return default;
            Interlocked.Increment(ref _free); // a consumer claimed the wait and hands its slot over: this one goes back
        }
        else if (_cancellationToken.IsCancellationRequested && Interlocked.Exchange(ref _waiting, 0) == 1)
        {
            return ValueTask.FromCanceled(_cancellationToken);
        }
        return new ValueTask(this, version);
    }

    /// <summary>Frees a slot (the consumer's side): straight to the producer if it waits for one.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _waiting, 0) == 1)
            _wake.SetResult(true);
        else
            Interlocked.Increment(ref _free);
    }

    public void Dispose() => _registration.Dispose();

    private void Grow()
    {
        var size = _size();
        if (size > _granted)
        {
            Interlocked.Add(ref _free, size - _granted);
            _granted = size;
        }
    }

    private bool TryTake()
    {
        var free = Volatile.Read(ref _free);
        while (free > 0)
        {
            var seen = Interlocked.CompareExchange(ref _free, free - 1, free);
            if (seen == free)
                return true;
            free = seen;
        }
        return false;
    }

    private void Cancel()
    {
        if (Interlocked.Exchange(ref _waiting, 0) == 1)
            _wake.SetException(new OperationCanceledException(_cancellationToken));
    }

    void IValueTaskSource.GetResult(short token) => _wake.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _wake.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _wake.OnCompleted(continuation, state, token, flags);
}
