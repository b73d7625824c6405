using System.Diagnostics;

namespace ActorPool.Benchmarks;

/// <summary>What a child does in the shared-primitive scenarios.</summary>
public static class SharedWork
{
    /// <summary>Runs <paramref name="workers"/> loops that move items from one queue to the other until each takes a negative one.</summary>
    public static async Task EchoQueueAsync(SharedQueue<int> requests, SharedQueue<int> replies, int workers)
    {
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (await requests.GetAsync() is var item && item >= 0)
                await replies.PutAsync(item);
        }));
    }

    /// <summary>Acquires and releases the lock <paramref name="times"/> times, one after the other; returns the seconds taken.</summary>
    public static async Task<double> LockLoopAsync(SharedLock sharedLock, int times)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < times; i++)
        {
            await using (await sharedLock.AcquireAsync())
            {
            }
        }
        return watch.Elapsed.TotalSeconds;
    }
}
