namespace ActorPool;

/// <summary>
/// The slots of a map's tasks in flight. Their number is read again before each task starts and only grows, so that a
/// map started before worker hosts joined takes them up as they come; when hosts leave, the surplus waits in the
/// supervisor's queue, which is harmless.
/// </summary>
internal sealed class MapWindow : IDisposable
{
    private readonly Func<int> _size;
    private readonly SemaphoreSlim _slots;
    private int _granted; // only the producer reads and writes it

    public MapWindow(Func<int> size)
    {
        _size = size;
        _granted = Math.Max(1, size());
        _slots = new SemaphoreSlim(_granted);
    }

    /// <summary>Waits for a free slot (the producer's side).</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var size = _size();
        if (size > _granted)
        {
            _slots.Release(size - _granted);
            _granted = size;
        }
        return _slots.WaitAsync(cancellationToken);
    }

    /// <summary>Frees a slot (the consumer's side).</summary>
    public void Release() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
