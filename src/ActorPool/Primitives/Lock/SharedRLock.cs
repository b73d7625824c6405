namespace ActorPool;

/// <summary>
/// A reentrant lock shared by the processes of a family: the async flow that holds it may acquire it again,
/// and must release it as many times. Otherwise as <see cref="SharedLock"/>.
/// </summary>
/// <remarks>
/// The owner is the async flow (the chain of awaits, and tasks it starts) that called <see cref="AcquireAsync"/>;
/// a releaser releases for the flow that acquired it, wherever it is disposed.
/// </remarks>
public sealed class SharedRLock
{
    private readonly SharedLock _lock = new(reentrant: true);

    /// <summary>Waits for the lock and takes it, or takes it again if this flow holds it.</summary>
    /// <returns>A releaser: dispose it (<c>await using</c>) to release once.</returns>
    /// <exception cref="OperationCanceledException">Cancelled before the lock was taken.</exception>
    /// <exception cref="SharedObjectLostException">The lock's process exited.</exception>
    public Task<SharedReleaser> AcquireAsync(CancellationToken cancellationToken = default) => _lock.AcquireAsync(cancellationToken);

    /// <summary>Waits at most <paramref name="timeout"/> for the lock.</summary>
    /// <returns>A releaser, or null when the lock was not free within <paramref name="timeout"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the lock was taken.</exception>
    /// <exception cref="SharedObjectLostException">The lock's process exited.</exception>
    public Task<SharedReleaser?> TryAcquireAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _lock.TryAcquireAsync(timeout, cancellationToken);

    /// <summary>Releases once; the lock is free when every acquire of the holder is released.</summary>
    /// <exception cref="SynchronizationLockException">This flow does not hold the lock.</exception>
    public Task ReleaseAsync(CancellationToken cancellationToken = default) => _lock.ReleaseAsync(cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"SharedRLock({_lock.Path})";
}
