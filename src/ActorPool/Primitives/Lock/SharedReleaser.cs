namespace ActorPool;

/// <summary>
/// What <c>AcquireAsync</c> of a <see cref="SharedLock"/>, <see cref="SharedRLock"/> or <see cref="SharedSemaphore"/>
/// returns: disposing it releases what was acquired, once, for <c>await using</c>.
/// </summary>
public sealed class SharedReleaser : IAsyncDisposable
{
    private readonly Func<Task> _release;
    private int _released;

    internal SharedReleaser(bool abandoned, Func<Task> release)
    {
        Abandoned = abandoned;
        _release = release;
    }

    /// <summary>
    /// True when the process that held this lock or semaphore before died without releasing it: whatever it
    /// guarded may have been left half-changed.
    /// </summary>
    /// <remarks>
    /// A lock's token stays with the last process that used it until another process asks for it; if that
    /// process dies while keeping it, the lock counts as abandoned even if no caller held it at that moment.
    /// </remarks>
    public bool Abandoned { get; }

    /// <summary>Releases what was acquired; later calls do nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
            await _release().ConfigureAwait(false);
    }
}
