using ActorPool.Primitives.Core;
using ActorPool.Primitives.Semaphore;
using static ActorPool.Primitives.Semaphore.SemaphoreProtocol;

namespace ActorPool;

/// <summary>
/// A counting semaphore shared by the processes of a family. With a maximum it is bounded (aioprocessing's
/// BoundedSemaphore): releasing above the maximum throws <see cref="SemaphoreFullException"/>.
/// </summary>
/// <remarks>
/// Many callers may wait at once; they get permits in the order they asked. The semaphore counts the permits
/// each process holds (acquired and not yet released): when a process dies they are released, and the callers
/// that get them next see <see cref="SharedReleaser.Abandoned"/> true. Waiting calls of a dead process are removed.
/// </remarks>
public sealed class SharedSemaphore
{
    private readonly string _path;

    /// <summary>Creates a semaphore hosted in this process.</summary>
    /// <param name="initial">The free permits at the start.</param>
    /// <param name="max">The most permits there may be (a bounded semaphore); null for no limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initial"/> is negative, or <paramref name="max"/> is below 1 or below <paramref name="initial"/>.</exception>
    public SharedSemaphore(int initial, int? max = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initial);
        if (max is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, nameof(max));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(initial, limit);
        }
        Max = max;
        _path = SharedHost.Instance.Host(SharedObjectActor.Props(new SemaphoreState(initial, max)), "semaphore");
    }

    /// <summary>The most permits there may be; null when unbounded.</summary>
    public int? Max { get; }

    /// <summary>Waits for a permit and takes it.</summary>
    /// <returns>A releaser: dispose it (<c>await using</c>) to give the permit back.</returns>
    /// <exception cref="OperationCanceledException">Cancelled before a permit was taken.</exception>
    /// <exception cref="SharedObjectLostException">The semaphore's process exited.</exception>
    public async Task<SharedReleaser> AcquireAsync(CancellationToken cancellationToken = default)
    {
        var abandoned = await SharedCall.InvokeAsync<bool>(_path, Acquire.Instance, cancellationToken).ConfigureAwait(false);
        return new SharedReleaser(abandoned, () => ReleaseAsync());
    }

    /// <summary>Waits at most <paramref name="timeout"/> for a permit.</summary>
    /// <returns>A releaser, or null when no permit was free within <paramref name="timeout"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before a permit was taken.</exception>
    /// <exception cref="SharedObjectLostException">The semaphore's process exited.</exception>
    public async Task<SharedReleaser?> TryAcquireAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        SharedCall.ValidateTimeout(timeout, nameof(timeout));
        var (done, abandoned) = await SharedCall.InvokeWithTimeoutAsync(_path, Acquire.Instance, timeout, cancellationToken).ConfigureAwait(false);
        return done ? new SharedReleaser((bool)abandoned!, () => ReleaseAsync()) : null;
    }

    /// <summary>Gives back <paramref name="count"/> permits, from any process.</summary>
    /// <returns>The count of free permits before.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    /// <exception cref="SemaphoreFullException">A bounded semaphore would go above its maximum; nothing was released.</exception>
    /// <exception cref="SharedObjectLostException">The semaphore's process exited.</exception>
    public async Task<int> ReleaseAsync(int count = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return await SharedCall.InvokeAsync<int>(_path, new Release(count), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The number of free permits now.</summary>
    /// <exception cref="SharedObjectLostException">The semaphore's process exited.</exception>
    public Task<int> CurrentCountAsync(CancellationToken cancellationToken = default) =>
        SharedCall.InvokeAsync<int>(_path, CurrentCount.Instance, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"SharedSemaphore({_path})";
}
