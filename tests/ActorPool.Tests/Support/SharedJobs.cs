namespace ActorPool.Tests.Support;

/// <summary>Task functions that work on shared primitives from inside a child process.</summary>
public static class SharedJobs
{
    /// <summary>Takes <paramref name="count"/> items from one queue and puts each, doubled, on the other.</summary>
    public static async Task<int> DoubleEachAsync(SharedQueue<int> input, SharedQueue<int> output, int count)
    {
        for (var i = 0; i < count; i++)
            await output.PutAsync(2 * await input.GetAsync());
        return Environment.ProcessId;
    }

    /// <summary>Puts <paramref name="count"/> numbers from <paramref name="first"/> on.</summary>
    public static async Task<int> PutRangeAsync(SharedQueue<int> queue, int first, int count)
    {
        for (var i = first; i < first + count; i++)
            await queue.PutAsync(i);
        return Environment.ProcessId;
    }

    /// <summary>Says its pid on <paramref name="started"/>, then waits for one item of <paramref name="queue"/>.</summary>
    public static async Task<int> AnnounceThenGetAsync(SharedQueue<int> started, SharedQueue<int> queue)
    {
        await started.PutAsync(Environment.ProcessId);
        return await queue.GetAsync();
    }

    /// <summary>Collects <paramref name="count"/> items with gets that time out after 1 ms, as often as it takes.</summary>
    public static async Task<int[]> CollectWithShortTimeoutsAsync(SharedQueue<int> queue, int count)
    {
        var items = new List<int>();
        while (items.Count < count)
        {
            var (success, item) = await queue.TryGetAsync(TimeSpan.FromMilliseconds(1));
            if (success)
                items.Add(item);
        }
        return items.ToArray();
    }

    /// <summary>A joinable queue's consumer: takes <paramref name="count"/> items, records each, marks it done.</summary>
    public static async Task ConsumeAndMarkDoneAsync(SharedJoinableQueue<int> queue, SharedList<int> seen, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var item = await queue.GetAsync();
            await seen.AddAsync(item);
            await queue.TaskDone();
        }
    }

    /// <summary>Makes a queue in this child and returns it; the queue lives as long as this child.</summary>
    public static SharedQueue<int> CreateQueueHere() => new();

    /// <summary>Takes the lock if it is free now (zero timeout) and releases it; true if it was taken.</summary>
    public static async Task<bool> TryAcquireAtOnceAndReleaseAsync(SharedLock sharedLock)
    {
        var held = await sharedLock.TryAcquireAsync(TimeSpan.Zero);
        if (held is null)
            return false;
        await held.DisposeAsync();
        return true;
    }

    /// <summary>The same for a reentrant lock.</summary>
    public static async Task<bool> TryAcquireRLockAtOnceAndReleaseAsync(SharedRLock rlock)
    {
        var held = await rlock.TryAcquireAsync(TimeSpan.Zero);
        if (held is null)
            return false;
        await held.DisposeAsync();
        return true;
    }

    /// <summary>Read-modify-write of <paramref name="counter"/> under <paramref name="sharedLock"/>, <paramref name="times"/> times.</summary>
    public static async Task IncrementUnderLockAsync(SharedLock sharedLock, SharedValue<int> counter, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await using (await sharedLock.AcquireAsync())
            {
                var value = await counter.GetAsync();
                await counter.SetAsync(value + 1);
            }
        }
    }

    /// <summary>Takes the lock, says its pid, and holds the lock until the process is killed.</summary>
    public static async Task HoldLockForeverAsync(SharedLock sharedLock, SharedQueue<int> started, CancellationToken cancellationToken)
    {
        await sharedLock.AcquireAsync(cancellationToken);
        await started.PutAsync(Environment.ProcessId, cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    /// <summary>Takes a permit, says its pid, and holds the permit until the process is killed.</summary>
    public static async Task HoldPermitForeverAsync(SharedSemaphore semaphore, SharedQueue<int> started, CancellationToken cancellationToken)
    {
        await semaphore.AcquireAsync(cancellationToken);
        await started.PutAsync(Environment.ProcessId, cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    /// <summary>Under a permit, counts itself in <paramref name="active"/> and records the most seen at once.</summary>
    public static async Task CountWhileHoldingPermitAsync(SharedSemaphore semaphore, SharedValue<int> active, SharedValue<int> most, SharedQueue<int> release)
    {
        await using (await semaphore.AcquireAsync())
        {
            var now = await active.UpdateAsync(n => n + 1);
            await most.UpdateAsync(m => Math.Max(m, now));
            // Holds the permit until the test lets one holder go, so that holders overlap.
            await release.GetAsync();
            await active.UpdateAsync(n => n - 1);
        }
    }

    /// <summary>Says its pid on <paramref name="started"/>, then waits for the event.</summary>
    public static async Task<int> AnnounceThenWaitForEventAsync(SharedEvent sharedEvent, SharedQueue<int> started)
    {
        await started.PutAsync(Environment.ProcessId);
        await sharedEvent.WaitAsync();
        return Environment.ProcessId;
    }

    /// <summary>With the condition's lock held, waits until <paramref name="ready"/> is true; returns the pid.</summary>
    public static async Task<int> WaitUntilReadyAsync(SharedCondition condition, SharedValue<bool> ready, SharedQueue<int> started)
    {
        await using (await condition.Lock.AcquireAsync())
        {
            await started.PutAsync(Environment.ProcessId);
            await condition.WaitForAsync(async ct => await ready.GetAsync(ct), Timeout.InfiniteTimeSpan);
        }
        return Environment.ProcessId;
    }

    /// <summary>Arrives at the barrier; returns the arrival index.</summary>
    public static Task<int> ArriveAsync(SharedBarrier barrier) => barrier.SignalAndWaitAsync();

    /// <summary>Receives <paramref name="count"/> messages and sends each back with "echo:" in front.</summary>
    public static async Task EchoAsync(PipeEnd<string> end, int count)
    {
        for (var i = 0; i < count; i++)
            await end.SendAsync("echo:" + await end.ReceiveAsync());
    }

    /// <summary>Adds 20 entries to every kind of shared object, tagged with <paramref name="tag"/>.</summary>
    public static async Task FillObjectsAsync(SharedDictionary<string, int> dictionary, SharedList<string> list, SharedValue<int> total, int tag)
    {
        for (var i = 0; i < 20; i++)
        {
            await dictionary.SetAsync($"{tag}-{i}", i);
            await list.AddAsync($"{tag}-{i}");
            await total.UpdateAsync(t => t + 1);
        }
    }
}
