namespace ActorPool.Tests.Unit;

/// <summary>The map's slots: one producer takes them, consumers on other threads give them back.</summary>
public sealed class MapWindowTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WaitAsync_WithNoFreeSlot_CompletesWhenOneIsReleased()
    {
        using var window = new MapWindow(() => 1, CancellationToken.None);
        await window.WaitAsync();

        var waiting = window.WaitAsync().AsTask();
        Assert.False(waiting.IsCompleted);
        window.Release();
        await waiting.WaitAsync(Limit);
    }

    [Fact]
    public async Task WaitAsync_WhileWaiting_EndsCancelledWhenTheMapsTokenIs()
    {
        using var stop = new CancellationTokenSource();
        using var window = new MapWindow(() => 1, stop.Token);
        await window.WaitAsync();

        var waiting = window.WaitAsync().AsTask();
        await stop.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Limit));
        Assert.Equal(stop.Token, error.CancellationToken);
        // After the map is cancelled, even a free slot is not taken.
        window.Release();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => window.WaitAsync().AsTask());
    }

    [Fact]
    public async Task WaitAsync_WindowGrowsWhileFull_TakesTheNewSlotsAtOnce()
    {
        var size = 1;
        using var window = new MapWindow(() => size, CancellationToken.None);
        await window.WaitAsync();

        size = 3;
        Assert.True(window.WaitAsync().IsCompleted);
        Assert.True(window.WaitAsync().IsCompleted);
        Assert.False(window.WaitAsync().IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_WindowOfOneHandedBackAndForth_LosesNoWakeUp()
    {
        // With one slot, a release that misses the producer's wait leaves the map hung: the race of 2026-12-08, which a
        // review found in the first version of the window (a count and a separate waiting flag) within seconds.
        const int Items = 300_000;
        using var window = new MapWindow(() => 1, CancellationToken.None);
        var taken = new SemaphoreSlim(0);
        var consumer = Task.Run(async () =>
        {
            for (var i = 0; i < Items; i++)
            {
                await taken.WaitAsync();
                window.Release();
            }
        });

        for (var i = 0; i < Items; i++)
        {
            await window.WaitAsync().AsTask().WaitAsync(Limit); // a TimeoutException here is a lost wake-up
            taken.Release();
        }
        await consumer.WaitAsync(Limit);
    }

    [Fact]
    public async Task WaitAsync_RacingReleasesOnOtherThreads_NeverHoldsMoreThanTheWindow()
    {
        const int Size = 4;
        const int Items = 200_000;
        using var window = new MapWindow(() => Size, CancellationToken.None);
        var held = 0;
        var most = 0;
        var released = new System.Collections.Concurrent.BlockingCollection<int>();
        var consumers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            foreach (var _ in released.GetConsumingEnumerable())
            {
                Interlocked.Decrement(ref held);
                window.Release();
            }
        })).ToArray();

        for (var i = 0; i < Items; i++)
        {
            await window.WaitAsync().AsTask().WaitAsync(Limit);
            var now = Interlocked.Increment(ref held);
            most = Math.Max(most, now);
            released.Add(i);
        }
        released.CompleteAdding();
        await Task.WhenAll(consumers).WaitAsync(Limit);

        Assert.Equal(Size, most);
        Assert.Equal(0, held);
    }
}
