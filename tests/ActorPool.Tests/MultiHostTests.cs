using ActorPool.Tests.Support;
using Xunit.Abstractions;

namespace ActorPool.Tests;

/// <summary>
/// A pool over several hosts: the test process drives, worker hosts run as separate processes of this test assembly,
/// all on loopback with the cluster's own certificate and mutual TLS.
/// </summary>
[Trait("Category", "MultiHost")]
public sealed class MultiHostTests(ITestOutputHelper output)
{
    private static readonly TimeSpan JoinLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Map_SpreadsOverWorkerHosts_AndLosesNothingWhenOneIsKilled()
    {
        using var hosts = new ClusterHosts();
        await using var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 1, Cluster = hosts.Driver });
        var doomed = hosts.StartWorker("w1");
        hosts.StartWorker("w2");
        Assert.True(await Wait.UntilAsync(() => pool.WorkerHosts == 2, JoinLimit), "the worker hosts did not join");

        const int count = 3000;
        var results = new List<string>(count);
        var killedAt = -1;
        IReadOnlyList<int> doomedChildren = [];
        await foreach (var result in pool.Map(static async (int i) =>
        {
            await Task.Delay(2);
            return $"{i}:{Environment.GetEnvironmentVariable(ClusterHosts.WorkerVariable) ?? "driver"}";
        }, Enumerable.Range(0, count)))
        {
            results.Add(result);
            // Mid-map, once the doomed host has run some of it: SIGKILL it, without its children (as when a machine dies,
            // they lose their parent and end).
            if (killedAt < 0 && results.Count(r => r.EndsWith(":w1", StringComparison.Ordinal)) >= 100)
            {
                killedAt = results.Count;
                doomedChildren = ClusterHosts.ChildrenOf(doomed.Id);
                doomed.Kill(entireProcessTree: false);
            }
        }

        Assert.True(killedAt > 0, "the doomed host never ran 100 tasks");
        // Every item once, in order.
        Assert.Equal(Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), results.Select(r => r.Split(':')[0]));
        var ranOn = results.GroupBy(r => r.Split(':')[1]).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"killed w1 after {killedAt} results; ran on: {string.Join(", ", ranOn)}");
        Assert.True(ranOn.GetValueOrDefault("w2") > 0, "w2 ran nothing: " + string.Join(", ", ranOn));
        Assert.True(ranOn.GetValueOrDefault("driver") > 0, "the driver's own child ran nothing: " + string.Join(", ", ranOn));
        Assert.True(await Wait.UntilAsync(() => pool.WorkerHosts == 1, JoinLimit), "the killed host is still counted");
        Assert.True(await ProcessProbe.WaitForExitAsync(doomedChildren, TimeSpan.FromSeconds(10)), "the killed host's children outlived it");
    }
}
