using System.Runtime.CompilerServices;

namespace ActorPool;

/// <summary>
/// The results of <c>Map</c> or <c>StarMap</c>. Awaiting it gives every result in input order; <c>await foreach</c>
/// yields them in input order as they arrive. Items are pulled from the source lazily, with a bounded number
/// of tasks in flight, and only once the result is awaited or enumerated.
/// </summary>
/// <typeparam name="R">Type of each result.</typeparam>
/// <remarks>
/// The work runs once: awaiting more than once gives the same list, and a result that is being or was
/// enumerated cannot be enumerated again (await it instead to keep the list).
/// </remarks>
public sealed class PoolResult<R> : IAsyncEnumerable<R>
{
    private readonly Func<MapProgressReporter?, CancellationToken, IAsyncEnumerable<R>> _run;
    private readonly CancellationToken _cancellationToken;
    private readonly object _lock = new();
    private Task<IReadOnlyList<R>>? _all;
    private bool _enumerated;
    private MapProgressReporter? _progress;

    internal PoolResult(Func<MapProgressReporter?, CancellationToken, IAsyncEnumerable<R>> run, CancellationToken cancellationToken)
    {
        _run = run;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Reports the map's progress while it runs: at most once per <paramref name="interval"/>, and once at the end.</summary>
    /// <remarks>
    /// The final report (<see cref="MapProgress.IsFinal"/>) comes last, though it may reach <paramref name="progress"/> just
    /// after the map's await returns. A <see cref="Progress{T}"/> posts each report to a synchronization context or the
    /// thread pool, so it may deliver them out of order; keep the largest <see cref="MapProgress.Completed"/> if that matters.
    /// </remarks>
    /// <param name="progress">Where reports go; a <see cref="Progress{T}"/> made on a UI thread reports there.</param>
    /// <param name="interval">The least time between two reports; default 100 ms.</param>
    /// <returns>This result, to await or enumerate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="progress"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The map has already started (it was awaited or enumerated).</exception>
    public PoolResult<R> WithProgress(IProgress<MapProgress> progress, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var every = interval ?? TimeSpan.FromMilliseconds(100);
        ArgumentOutOfRangeException.ThrowIfLessThan(every, TimeSpan.Zero, nameof(interval));
        lock (_lock)
        {
            if (_all is not null || _enumerated)
                throw new InvalidOperationException("WithProgress must be called before the map is awaited or enumerated.");
            _progress = new MapProgressReporter(progress, every);
        }
        return this;
    }

    /// <summary>Gets an awaiter for every result, in input order.</summary>
    /// <exception cref="InvalidOperationException">The result is being enumerated.</exception>
    public TaskAwaiter<IReadOnlyList<R>> GetAwaiter()
    {
        lock (_lock)
        {
            if (_all is null)
            {
                if (_enumerated)
                    throw new InvalidOperationException("This PoolResult is already being enumerated; it runs its tasks once.");
                _all = CollectAsync();
            }
            return _all.GetAwaiter();
        }
    }

    /// <summary>Yields the results in input order as they arrive.</summary>
    /// <param name="cancellationToken">Stops the enumeration and cancels the tasks in flight.</param>
    /// <returns>The enumerator.</returns>
    /// <exception cref="InvalidOperationException">The result was already enumerated.</exception>
    public IAsyncEnumerator<R> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_all is not null)
                return ReplayAsync(_all, cancellationToken).GetAsyncEnumerator(cancellationToken);
            if (_enumerated)
                throw new InvalidOperationException("This PoolResult was already enumerated; it runs its tasks once. Await it to keep the list.");
            _enumerated = true;
        }
        return StreamAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    private async IAsyncEnumerable<R> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
        _progress?.Start();
        try
        {
            await foreach (var result in _run(_progress, linked.Token).WithCancellation(linked.Token).ConfigureAwait(false))
                yield return result;
        }
        finally
        {
            _progress?.Finish();
        }
    }

    private async Task<IReadOnlyList<R>> CollectAsync()
    {
        var results = new List<R>();
        _progress?.Start();
        try
        {
            await foreach (var result in _run(_progress, _cancellationToken).WithCancellation(_cancellationToken).ConfigureAwait(false))
                results.Add(result);
        }
        finally
        {
            _progress?.Finish();
        }
        return results;
    }

    private static async IAsyncEnumerable<R> ReplayAsync(Task<IReadOnlyList<R>> all, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var result in await all.WaitAsync(cancellationToken).ConfigureAwait(false))
            yield return result;
    }
}
