using ActorPool.Tests.Support;

namespace ActorPool.Tests;

[Collection(ProcessWide.Name)]
public sealed class SoakTests
{
    // 200,000 tasks at 1,000 per child, and, to keep the suite's time, 3,000 at 50 per child: 200 and 60 children.
    [Theory]
    [Trait("Category", "Soak")]
    [InlineData(200_000, 1000)]
    [InlineData(3_000, 50)]
    public async Task Soak_TasksWithRecyclingAndRandomKills_EveryResultArrivesOnceAndRight(int tasks, int maxTasksPerChild)
    {
        // TLS off: with it on, the 200 child starts of this test take about 4.5 minutes on the 2-core CI machine,
        // over the 3 minutes this test may take in CI; what it checks (no loss, no leaks) does not depend on TLS.
        var config = Akka.Configuration.ConfigurationFactory.ParseString("actorpool.remote.tls = off");
        // A first small pool loads every assembly (each maps descriptors of its own), so the baseline counts only what a pool costs.
        await using (var warmUp = await TestPool.StartAsync(new PoolOptions { Processes = 1, Config = config }))
            await warmUp.Pool.ApplyAsync(Jobs.Twice, 1);
        var descriptorsBefore = PipesAndSockets();
        var memory = new List<long>();
        var killed = new List<int>();
        var random = new Random(7);
        IReadOnlyList<int> started;
        await using (var scope = await TestPool.StartAsync(new PoolOptions { Processes = 2, MaxTasksPerChild = maxTasksPerChild, Config = config }))
        {
            var pool = scope.Pool;
            var expected = 0;
            await foreach (var result in pool.Map(Jobs.Twice, Enumerable.Range(0, tasks)))
            {
                Assert.Equal(2 * expected, result);
                expected++;
                if (expected % (tasks / 10) == 0 && pool.ChildPids is { Count: > 0 } live)
                {
                    // Kill a random child mid-stream: its unfinished tasks must run again elsewhere.
                    var victim = live[random.Next(live.Count)];
                    killed.AddRange(ProcessProbe.KillSurvivors([victim]));
                }
                if (expected % (tasks / 4) == 0)
                    memory.Add(GC.GetTotalMemory(forceFullCollection: true));
            }
            Assert.Equal(tasks, expected);
            started = pool.StartedChildPids;
        }

        Assert.NotEmpty(killed);
        Assert.True(started.Count >= tasks / maxTasksPerChild, $"only {started.Count} children for {tasks} tasks at {maxTasksPerChild} per child");
        Assert.All(started, pid => Assert.False(ProcessProbe.IsAlive(pid)));
        // No descriptor leaks: the pipes and sockets of 200+ children are all closed. The pool's ActorSystem may
        // still be closing its own few in the background, and sockets of failed connection attempts to killed
        // children are closed by their finalizers, hence the collections.
        Assert.True(
            await Wait.UntilAsync(() => CollectThenCount() <= descriptorsBefore + 8, TimeSpan.FromSeconds(30)),
            $"{PipesAndSockets()} pipes and sockets open after the pool, {descriptorsBefore} before it: {DescribeDescriptors()}");
        // The managed heap levels off: the last quarter adds next to nothing to the second.
        Assert.True(memory[^1] < memory[1] * 1.5 + 16_000_000, $"heap after each quarter of the tasks: {string.Join(", ", memory)}");
    }

    private static string DescribeDescriptors() => string.Join(", ", Directory.GetFiles("/proc/self/fd")
        .Select(fd => { try { return new FileInfo(fd).LinkTarget ?? "?"; } catch (IOException) { return "gone"; } })
        .Where(target => target.StartsWith("pipe:") || target.StartsWith("socket:"))
        .Select(target => $"{target}{TcpState(target)}"));

    // For a socket, its TCP ports and state from /proc/net/tcp, to tell what it belongs to.
    private static string TcpState(string target)
    {
        if (!target.StartsWith("socket:["))
            return "";
        var inode = target["socket:[".Length..^1];
        var line = File.ReadLines("/proc/net/tcp").Concat(File.ReadLines("/proc/net/tcp6"))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(f => f.Length > 9 && f[9] == inode);
        return line is null ? " (not tcp)" : $" ({line[1]}->{line[2]} st {line[3]})";
    }

    private static int CollectThenCount()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return PipesAndSockets();
    }

    private static int PipesAndSockets() => Directory.GetFiles("/proc/self/fd").Count(fd =>
    {
        try
        {
            return new FileInfo(fd).LinkTarget is { } target && (target.StartsWith("pipe:") || target.StartsWith("socket:"));
        }
        catch (IOException)
        {
            return false;
        }
    });
}
