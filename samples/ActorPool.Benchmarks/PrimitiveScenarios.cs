using System.Diagnostics;

namespace ActorPool.Benchmarks;

/// <summary>The shared-primitive scenarios of issue 6: queue round trips and lock acquisitions between processes.</summary>
public static class PrimitiveScenarios
{
    public static IReadOnlyDictionary<string, Func<int, Task<IReadOnlyList<Measurement>>>> All { get; } =
        new Dictionary<string, Func<int, Task<IReadOnlyList<Measurement>>>>
        {
            ["queue"] = QueueAsync,
            ["lock"] = LockAsync,
        };

    private const int InFlight = 64;

    /// <summary>
    /// Both queues live in this process; a child runs 64 loops that take from one and put on the other, and this
    /// process runs 64 loops that put and take the reply. A round trip is one item out and back.
    /// </summary>
    private static async Task<IReadOnlyList<Measurement>> QueueAsync(int rounds)
    {
        var requests = new SharedQueue<int>();
        var replies = new SharedQueue<int>();
        await using var pool = await PoolFactory.StartAsync(new PoolOptions { Processes = 1 });
        var echo = pool.ApplyAsync(SharedWork.EchoQueueAsync, requests, replies, InFlight);
        await WarmUpAsync(() => RoundTripsAsync(requests, replies, 50_000));
        var rates = new List<double>();
        for (var round = 0; round < rounds; round++)
            rates.Add(await RoundTripsAsync(requests, replies, 50_000));
        for (var i = 0; i < InFlight; i++)
            await requests.PutAsync(-1);
        await echo;
        return [new("queue", $"SharedQueue round trips parent -> child -> parent, {InFlight} in flight", "round trips/s", rates, ">= 18,000")];
    }

    /// <summary>64 loops in this process, each putting an item and taking a reply, so that 64 items are in flight.</summary>
    private static async Task<double> RoundTripsAsync(SharedQueue<int> requests, SharedQueue<int> replies, int count)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(async loop =>
        {
            for (var i = loop; i < count; i += InFlight)
            {
                await requests.PutAsync(i);
                await replies.GetAsync();
            }
        }));
        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The lock lives in this process. A child acquires and releases it one time after the other; then the child
    /// and this process do so at the same time, so that the lock's token moves between them on most acquisitions.
    /// </summary>
    private static async Task<IReadOnlyList<Measurement>> LockAsync(int rounds)
    {
        var sharedLock = new SharedLock();
        await using var pool = await PoolFactory.StartAsync(new PoolOptions { Processes = 1 });
        await WarmUpAsync(() => pool.ApplyAsync(SharedWork.LockLoopAsync, sharedLock, 5_000));
        var alone = new List<double>();
        var contended = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            const int times = 50_000;
            alone.Add(times / await pool.ApplyAsync(SharedWork.LockLoopAsync, sharedLock, times));

            const int each = 2_000;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(pool.ApplyAsync(SharedWork.LockLoopAsync, sharedLock, each), SharedWork.LockLoopAsync(sharedLock, each));
            contended.Add(2 * each / watch.Elapsed.TotalSeconds);
        }
        return
        [
            new("lock", "SharedLock acquire + release from a child, sequential", "pairs/s", alone, ">= 5,000"),
            new("lock", "the same, contended by the parent at once (the token moves between processes)", "pairs/s", contended, ""),
        ];
    }

    /// <summary>Runs the hot path for 3 s first, so that every process runs its optimized code (as the other scenarios do).</summary>
    private static async Task WarmUpAsync(Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        do
            await work();
        while (watch.Elapsed < TimeSpan.FromSeconds(3));
    }
}
