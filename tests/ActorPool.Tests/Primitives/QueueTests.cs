using ActorPool.Tests.Support;

namespace ActorPool.Tests.Primitives;

/// <summary>SharedQueue and SharedJoinableQueue between this process and real children.</summary>
public sealed class QueueTests
{
    [Fact]
    public async Task Queue_PoolChildrenTakeAndPut_EveryItemComesBackOnce()
    {
        var input = new SharedQueue<int>();
        var output = new SharedQueue<int>();
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 2 });

        var workers = Enumerable.Range(0, 2).Select(_ => scope.Pool.ApplyAsync(SharedJobs.DoubleEachAsync, input, output, 50)).ToList();
        for (var i = 0; i < 100; i++)
            await input.PutAsync(i);
        var results = new List<int>();
        for (var i = 0; i < 100; i++)
            results.Add(await output.GetAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(Enumerable.Range(0, 100).Select(i => 2 * i), results.Order());
        Assert.All(await Task.WhenAll(workers), pid => Assert.NotEqual(Environment.ProcessId, pid));
        Assert.Equal(0, await input.CountAsync());
    }
}
