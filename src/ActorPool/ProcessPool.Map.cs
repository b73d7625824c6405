using ActorPool.Functions;

namespace ActorPool;

// Map, MapUnordered and StarMap: every overload (written at build time by ActorPool.Generators) funnels into Ordered or Unordered.
public sealed partial class ProcessPool
{
    // The worker hosts' capacity counts as their processes x concurrency x 2 (InFlightPerChild) does; a running map
    // reads it again before each task, so hosts that join mid-map widen its window.
    private int MapWindowSize() => (int)Math.Min(
        ((long)_options.Processes * _options.ChildConcurrency + _registry.HostCapacity / 2) * _settings.MapWindowFactor, int.MaxValue);

    private PoolResult<R> Ordered<T, R>(Delegate fn, IAsyncEnumerable<T> items, Func<T, object?[]> args, CancellationToken cancellationToken)
    {
        var start = Starter<T, R>(fn, items, args);
        return new PoolResult<R>(
            (progress, token) => MapPipeline.OrderedAsync(items, progress is null ? start : (item, ct) => progress.Track(start(item, ct)), MapWindowSize, token),
            cancellationToken);
    }

    private IAsyncEnumerable<R> Unordered<T, R>(Delegate fn, IAsyncEnumerable<T> items, Func<T, object?[]> args, CancellationToken cancellationToken)
    {
        var start = Starter<T, R>(fn, items, args);
        return MapPipeline.UnorderedAsync(items, start, MapWindowSize, cancellationToken);
    }

    private Func<T, CancellationToken, Task<R>> Starter<T, R>(Delegate fn, IAsyncEnumerable<T> items, Func<T, object?[]> args)
    {
        ArgumentNullException.ThrowIfNull(items);
        EnsureOpen();
        var prepared = PreparedFunction.Prepare(fn, nameof(fn));
        return (item, token) => RunAsync<R>(Encode(prepared, args(item)), token);
    }
}
