using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ActorPool;

/// <summary>
/// Runs a task per item of a source with at most a window of tasks in flight (see <see cref="MapWindow"/>), pulling
/// the source lazily.
/// Leaving the enumeration early, or cancelling it, cancels the tasks in flight.
/// </summary>
internal static class MapPipeline
{
    private static readonly TimeSpan ProducerWait = TimeSpan.FromMilliseconds(250);

    /// <summary>Results in the order of the source.</summary>
    public static async IAsyncEnumerable<R> OrderedAsync<T, R>(
        IAsyncEnumerable<T> source, Func<T, CancellationToken, Task<R>> start, Func<int> window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new MapWindow(window, stop.Token);
        var started = Channel.CreateUnbounded<Task<R>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var producer = ProduceAsync(source, start, slots, started.Writer, stop.Token);
        try
        {
            await foreach (var task in started.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                slots.Release();
                var result = await task.ConfigureAwait(false);
                stop.Token.ThrowIfCancellationRequested();
                yield return result;
            }
            await producer.ConfigureAwait(false);
        }
        finally
        {
            await StopAsync(stop, producer, started.Reader).ConfigureAwait(false);
        }
    }

    /// <summary>Results in the order they complete.</summary>
    public static async IAsyncEnumerable<R> UnorderedAsync<T, R>(
        IAsyncEnumerable<T> source, Func<T, CancellationToken, Task<R>> start, Func<int> window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new MapWindow(window, stop.Token);
        var done = Channel.CreateUnbounded<Task<R>>(new UnboundedChannelOptions { SingleReader = true });
        var unfinished = 1; // the producer's own share
        void Release()
        {
            if (Interlocked.Decrement(ref unfinished) == 0)
                done.Writer.TryComplete();
        }
        async Task ProduceUnorderedAsync()
        {
            try
            {
                await foreach (var item in source.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    await slots.WaitAsync().ConfigureAwait(false);
                    Interlocked.Increment(ref unfinished);
                    var task = start(item, stop.Token);
                    _ = task.ContinueWith(t => { done.Writer.TryWrite(t); Release(); }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
                Release();
            }
            catch (Exception e)
            {
                done.Writer.TryComplete(e);
            }
        }
        var producer = Task.Run(ProduceUnorderedAsync, CancellationToken.None);
        try
        {
            await foreach (var task in done.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                slots.Release();
                var result = await task.ConfigureAwait(false);
                stop.Token.ThrowIfCancellationRequested();
                yield return result;
            }
        }
        finally
        {
            await StopAsync(stop, producer, done.Reader).ConfigureAwait(false);
        }
    }

    private static Task ProduceAsync<T, R>(
        IAsyncEnumerable<T> source, Func<T, CancellationToken, Task<R>> start, MapWindow slots, ChannelWriter<Task<R>> writer,
        CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    await slots.WaitAsync().ConfigureAwait(false);
                    writer.TryWrite(start(item, cancellationToken));
                }
                writer.TryComplete();
            }
            catch (Exception e)
            {
                writer.TryComplete(e);
            }
        }, CancellationToken.None);

    private static async Task StopAsync<R>(CancellationTokenSource stop, Task producer, ChannelReader<Task<R>> leftovers)
    {
        await stop.CancelAsync().ConfigureAwait(false);
        // Once cancelled, the producer starts no more tasks, and a source that heeds its token ends (and is disposed)
        // within this wait. One inside a MoveNext that no token reaches (a blocking enumerator, an async one that ignores
        // the token) is not waited for longer; what it started meanwhile is observed when it ends.
        await producer.WaitAsync(ProducerWait).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // At once if the producer has ended (a continuation of a completed task runs inline), else when it does.
        _ = producer.ContinueWith(static (_, reader) => ObserveLeftovers((ChannelReader<Task<R>>)reader!), leftovers,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    // Observes the faults of tasks nobody will await.
    private static void ObserveLeftovers<R>(ChannelReader<Task<R>> leftovers)
    {
        while (leftovers.TryRead(out var task))
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>A lazy async view of a synchronous source.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null (thrown at once, not when enumerated).</exception>
    public static IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source, "items");
        return ToAsyncCore(source);
    }

    private static async IAsyncEnumerable<T> ToAsyncCore<T>(IEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in source)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
            await Task.CompletedTask.ConfigureAwait(false);
        }
    }
}
