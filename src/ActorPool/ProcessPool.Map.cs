using System.Runtime.CompilerServices;
using ActorPool.Functions;

namespace ActorPool;

// Map, MapUnordered and StarMap: every overload funnels into Ordered or Unordered.
public sealed partial class ProcessPool
{
    /// <summary>Runs an async function once per item across the children.</summary>
    /// <typeparam name="T">Type of each item.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The items, pulled lazily.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public PoolResult<R> Map<T, R>(Func<T, Task<R>> fn, IEnumerable<T> items, CancellationToken cancellationToken = default) =>
        Ordered<T, R>(fn, MapPipeline.ToAsync(items), static item => [item], cancellationToken);

    /// <summary>Runs an async function returning a value task once per item across the children.</summary>
    /// <typeparam name="T">Type of each item.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The items, pulled lazily.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> Map<T, R>(Func<T, ValueTask<R>> fn, IEnumerable<T> items, CancellationToken cancellationToken = default) =>
        Ordered<T, R>(fn, MapPipeline.ToAsync(items), static item => [item], cancellationToken);

    /// <summary>Runs a synchronous function once per item across the children.</summary>
    /// <typeparam name="T">Type of each item.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The items, pulled lazily.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> Map<T, R>(Func<T, R> fn, IEnumerable<T> items, CancellationToken cancellationToken = default) =>
        Ordered<T, R>(fn, MapPipeline.ToAsync(items), static item => [item], cancellationToken);

    /// <summary>Runs an async function that takes a cancellation token once per item across the children.</summary>
    /// <typeparam name="T">Type of each item.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The items, pulled lazily.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> Map<T, R>(Func<T, CancellationToken, Task<R>> fn, IEnumerable<T> items, CancellationToken cancellationToken = default) =>
        Ordered<T, R>(fn, MapPipeline.ToAsync(items), static item => [item], cancellationToken);

    /// <summary>Runs an async function once per item across the children and yields results as they complete.</summary>
    /// <typeparam name="T">Type of each item.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The items, pulled lazily.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns>The results in completion order.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public IAsyncEnumerable<R> MapUnordered<T, R>(Func<T, Task<R>> fn, IEnumerable<T> items, CancellationToken cancellationToken = default) =>
        Unordered<T, R>(fn, MapPipeline.ToAsync(items), static item => [item], cancellationToken);

    /// <summary>Runs a synchronous function once per item across the children and yields results as they complete.</summary>
    /// <typeparam name="T">Type of each item.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The items, pulled lazily.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns>The results in completion order.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public IAsyncEnumerable<R> MapUnordered<T, R>(Func<T, R> fn, IEnumerable<T> items, CancellationToken cancellationToken = default) =>
        Unordered<T, R>(fn, MapPipeline.ToAsync(items), static item => [item], cancellationToken);

    /// <summary>Runs an async function once per tuple of 2 arguments across the children.</summary>
    /// <typeparam name="T1">Type of argument 1.</typeparam>
    /// <typeparam name="T2">Type of argument 2.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The argument tuples, pulled lazily.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> StarMap<T1, T2, R>(Func<T1, T2, Task<R>> fn, IEnumerable<(T1, T2)> items, CancellationToken cancellationToken = default) =>
        Ordered<(T1, T2), R>(fn, MapPipeline.ToAsync(items), static item => [item.Item1, item.Item2], cancellationToken);

    /// <summary>Runs a synchronous function once per tuple of 2 arguments across the children.</summary>
    /// <typeparam name="T1">Type of argument 1.</typeparam>
    /// <typeparam name="T2">Type of argument 2.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The argument tuples, pulled lazily.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> StarMap<T1, T2, R>(Func<T1, T2, R> fn, IEnumerable<(T1, T2)> items, CancellationToken cancellationToken = default) =>
        Ordered<(T1, T2), R>(fn, MapPipeline.ToAsync(items), static item => [item.Item1, item.Item2], cancellationToken);

    /// <summary>Runs an async function once per tuple of 3 arguments across the children.</summary>
    /// <typeparam name="T1">Type of argument 1.</typeparam>
    /// <typeparam name="T2">Type of argument 2.</typeparam>
    /// <typeparam name="T3">Type of argument 3.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The argument tuples, pulled lazily.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> StarMap<T1, T2, T3, R>(Func<T1, T2, T3, Task<R>> fn, IEnumerable<(T1, T2, T3)> items, CancellationToken cancellationToken = default) =>
        Ordered<(T1, T2, T3), R>(fn, MapPipeline.ToAsync(items), static item => [item.Item1, item.Item2, item.Item3], cancellationToken);

    /// <summary>Runs a synchronous function once per tuple of 3 arguments across the children.</summary>
    /// <typeparam name="T1">Type of argument 1.</typeparam>
    /// <typeparam name="T2">Type of argument 2.</typeparam>
    /// <typeparam name="T3">Type of argument 3.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The argument tuples, pulled lazily.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> StarMap<T1, T2, T3, R>(Func<T1, T2, T3, R> fn, IEnumerable<(T1, T2, T3)> items, CancellationToken cancellationToken = default) =>
        Ordered<(T1, T2, T3), R>(fn, MapPipeline.ToAsync(items), static item => [item.Item1, item.Item2, item.Item3], cancellationToken);

    /// <summary>Runs an async function once per tuple of 4 arguments across the children.</summary>
    /// <typeparam name="T1">Type of argument 1.</typeparam>
    /// <typeparam name="T2">Type of argument 2.</typeparam>
    /// <typeparam name="T3">Type of argument 3.</typeparam>
    /// <typeparam name="T4">Type of argument 4.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The argument tuples, pulled lazily.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> StarMap<T1, T2, T3, T4, R>(Func<T1, T2, T3, T4, Task<R>> fn, IEnumerable<(T1, T2, T3, T4)> items, CancellationToken cancellationToken = default) =>
        Ordered<(T1, T2, T3, T4), R>(fn, MapPipeline.ToAsync(items), static item => [item.Item1, item.Item2, item.Item3, item.Item4], cancellationToken);

    /// <summary>Runs a synchronous function once per tuple of 4 arguments across the children.</summary>
    /// <typeparam name="T1">Type of argument 1.</typeparam>
    /// <typeparam name="T2">Type of argument 2.</typeparam>
    /// <typeparam name="T3">Type of argument 3.</typeparam>
    /// <typeparam name="T4">Type of argument 4.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The argument tuples, pulled lazily.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> StarMap<T1, T2, T3, T4, R>(Func<T1, T2, T3, T4, R> fn, IEnumerable<(T1, T2, T3, T4)> items, CancellationToken cancellationToken = default) =>
        Ordered<(T1, T2, T3, T4), R>(fn, MapPipeline.ToAsync(items), static item => [item.Item1, item.Item2, item.Item3, item.Item4], cancellationToken);

    /// <summary>Runs an async function once per item across the children.</summary>
    /// <typeparam name="T">Type of each item.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The items, pulled lazily; the source may be endless.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public PoolResult<R> Map<T, R>(Func<T, Task<R>> fn, IAsyncEnumerable<T> items, CancellationToken cancellationToken = default) =>
        Ordered<T, R>(fn, items, static item => [item], cancellationToken);

    /// <summary>Runs an async function returning a value task once per item across the children.</summary>
    /// <typeparam name="T">Type of each item.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The items, pulled lazily; the source may be endless.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> Map<T, R>(Func<T, ValueTask<R>> fn, IAsyncEnumerable<T> items, CancellationToken cancellationToken = default) =>
        Ordered<T, R>(fn, items, static item => [item], cancellationToken);

    /// <summary>Runs a synchronous function once per item across the children.</summary>
    /// <typeparam name="T">Type of each item.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The items, pulled lazily; the source may be endless.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> Map<T, R>(Func<T, R> fn, IAsyncEnumerable<T> items, CancellationToken cancellationToken = default) =>
        Ordered<T, R>(fn, items, static item => [item], cancellationToken);

    /// <summary>Runs an async function that takes a cancellation token once per item across the children.</summary>
    /// <typeparam name="T">Type of each item.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The items, pulled lazily; the source may be endless.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> Map<T, R>(Func<T, CancellationToken, Task<R>> fn, IAsyncEnumerable<T> items, CancellationToken cancellationToken = default) =>
        Ordered<T, R>(fn, items, static item => [item], cancellationToken);

    /// <summary>Runs an async function once per item across the children and yields results as they complete.</summary>
    /// <typeparam name="T">Type of each item.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The items, pulled lazily; the source may be endless.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns>The results in completion order.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public IAsyncEnumerable<R> MapUnordered<T, R>(Func<T, Task<R>> fn, IAsyncEnumerable<T> items, CancellationToken cancellationToken = default) =>
        Unordered<T, R>(fn, items, static item => [item], cancellationToken);

    /// <summary>Runs a synchronous function once per item across the children and yields results as they complete.</summary>
    /// <typeparam name="T">Type of each item.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The items, pulled lazily; the source may be endless.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns>The results in completion order.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public IAsyncEnumerable<R> MapUnordered<T, R>(Func<T, R> fn, IAsyncEnumerable<T> items, CancellationToken cancellationToken = default) =>
        Unordered<T, R>(fn, items, static item => [item], cancellationToken);

    /// <summary>Runs an async function once per tuple of 2 arguments across the children.</summary>
    /// <typeparam name="T1">Type of argument 1.</typeparam>
    /// <typeparam name="T2">Type of argument 2.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The argument tuples, pulled lazily; the source may be endless.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> StarMap<T1, T2, R>(Func<T1, T2, Task<R>> fn, IAsyncEnumerable<(T1, T2)> items, CancellationToken cancellationToken = default) =>
        Ordered<(T1, T2), R>(fn, items, static item => [item.Item1, item.Item2], cancellationToken);

    /// <summary>Runs a synchronous function once per tuple of 2 arguments across the children.</summary>
    /// <typeparam name="T1">Type of argument 1.</typeparam>
    /// <typeparam name="T2">Type of argument 2.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The argument tuples, pulled lazily; the source may be endless.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> StarMap<T1, T2, R>(Func<T1, T2, R> fn, IAsyncEnumerable<(T1, T2)> items, CancellationToken cancellationToken = default) =>
        Ordered<(T1, T2), R>(fn, items, static item => [item.Item1, item.Item2], cancellationToken);

    /// <summary>Runs an async function once per tuple of 3 arguments across the children.</summary>
    /// <typeparam name="T1">Type of argument 1.</typeparam>
    /// <typeparam name="T2">Type of argument 2.</typeparam>
    /// <typeparam name="T3">Type of argument 3.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The argument tuples, pulled lazily; the source may be endless.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> StarMap<T1, T2, T3, R>(Func<T1, T2, T3, Task<R>> fn, IAsyncEnumerable<(T1, T2, T3)> items, CancellationToken cancellationToken = default) =>
        Ordered<(T1, T2, T3), R>(fn, items, static item => [item.Item1, item.Item2, item.Item3], cancellationToken);

    /// <summary>Runs a synchronous function once per tuple of 3 arguments across the children.</summary>
    /// <typeparam name="T1">Type of argument 1.</typeparam>
    /// <typeparam name="T2">Type of argument 2.</typeparam>
    /// <typeparam name="T3">Type of argument 3.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The argument tuples, pulled lazily; the source may be endless.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> StarMap<T1, T2, T3, R>(Func<T1, T2, T3, R> fn, IAsyncEnumerable<(T1, T2, T3)> items, CancellationToken cancellationToken = default) =>
        Ordered<(T1, T2, T3), R>(fn, items, static item => [item.Item1, item.Item2, item.Item3], cancellationToken);

    /// <summary>Runs an async function once per tuple of 4 arguments across the children.</summary>
    /// <typeparam name="T1">Type of argument 1.</typeparam>
    /// <typeparam name="T2">Type of argument 2.</typeparam>
    /// <typeparam name="T3">Type of argument 3.</typeparam>
    /// <typeparam name="T4">Type of argument 4.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The argument tuples, pulled lazily; the source may be endless.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> StarMap<T1, T2, T3, T4, R>(Func<T1, T2, T3, T4, Task<R>> fn, IAsyncEnumerable<(T1, T2, T3, T4)> items, CancellationToken cancellationToken = default) =>
        Ordered<(T1, T2, T3, T4), R>(fn, items, static item => [item.Item1, item.Item2, item.Item3, item.Item4], cancellationToken);

    /// <summary>Runs a synchronous function once per tuple of 4 arguments across the children.</summary>
    /// <typeparam name="T1">Type of argument 1.</typeparam>
    /// <typeparam name="T2">Type of argument 2.</typeparam>
    /// <typeparam name="T3">Type of argument 3.</typeparam>
    /// <typeparam name="T4">Type of argument 4.</typeparam>
    /// <typeparam name="R">Type of each result.</typeparam>
    /// <param name="fn">The task function, run once per item in a child.</param>
    /// <param name="items">The argument tuples, pulled lazily; the source may be endless.</param>
    /// <param name="cancellationToken">Stops pulling items and cancels the tasks in flight.</param>
    /// <returns><see cref="PoolResult{R}"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>
    /// <exception cref="ArgumentException">The function cannot be sent to a child; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    public PoolResult<R> StarMap<T1, T2, T3, T4, R>(Func<T1, T2, T3, T4, R> fn, IAsyncEnumerable<(T1, T2, T3, T4)> items, CancellationToken cancellationToken = default) =>
        Ordered<(T1, T2, T3, T4), R>(fn, items, static item => [item.Item1, item.Item2, item.Item3, item.Item4], cancellationToken);

    private int MapWindow => _options.Processes * _options.ChildConcurrency * _settings.MapWindowFactor;

    private PoolResult<R> Ordered<T, R>(Delegate fn, IAsyncEnumerable<T> items, Func<T, object?[]> args, CancellationToken cancellationToken)
    {
        var start = Starter<T, R>(fn, items, args);
        var window = MapWindow;
        return new PoolResult<R>(
            (progress, token) => MapPipeline.OrderedAsync(items, progress is null ? start : (item, ct) => progress.Track(start(item, ct)), window, token),
            cancellationToken);
    }

    private IAsyncEnumerable<R> Unordered<T, R>(Delegate fn, IAsyncEnumerable<T> items, Func<T, object?[]> args, CancellationToken cancellationToken)
    {
        var start = Starter<T, R>(fn, items, args);
        return MapPipeline.UnorderedAsync(items, start, MapWindow, cancellationToken);
    }

    private Func<T, CancellationToken, Task<R>> Starter<T, R>(Delegate fn, IAsyncEnumerable<T> items, Func<T, object?[]> args)
    {
        ArgumentNullException.ThrowIfNull(items);
        EnsureOpen();
        var prepared = PreparedFunction.Prepare(fn, nameof(fn));
        return (item, token) => RunAsync<R>(prepared.Encode(args(item), _codec, share: true), token);
    }
}
