using System.Diagnostics;
using ActorPool.Tests.Support;

namespace ActorPool.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Close_QueuedAndRunningTasksFinish_ThenChildrenExit()
    {
        var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 2, ChildConcurrency = 2 });
        try
        {
            var tasks = Enumerable.Range(0, 12).Select(i => pool.ApplyAsync(Jobs.SleepThenReturnAsync, 50 + i)).ToList();

            pool.Close();

            Assert.Throws<InvalidOperationException>(() => { _ = pool.ApplyAsync(Jobs.SquareAsync, 1); });
            Assert.Equal(Enumerable.Range(50, 12), await Task.WhenAll(tasks));
            await pool.JoinAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Empty(pool.ChildPids);
            Assert.All(pool.StartedChildPids, pid => Assert.False(ProcessProbe.IsAlive(pid)));
        }
        finally
        {
            pool.Terminate();
            await TestPool.EnsureNoSurvivorsAsync(pool.StartedChildPids);
        }
    }

    [Fact]
    public async Task Terminate_UnfinishedTasksFailWithPoolTerminatedException_AndChildrenAreGone()
    {
        var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 2, ChildConcurrency = 1 });
        try
        {
            var tasks = Enumerable.Range(0, 6).Select(_ => pool.ApplyAsync(Jobs.SleepThenReturnAsync, 60_000)).ToList();
            Assert.True(await Wait.UntilAsync(() => pool.ChildPids.Count == 2, TimeSpan.FromSeconds(10)));

            pool.Terminate();

            foreach (var task in tasks)
                await Assert.ThrowsAsync<PoolTerminatedException>(() => task.WaitAsync(TimeSpan.FromSeconds(30)));
            await pool.JoinAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.All(pool.StartedChildPids, pid => Assert.False(ProcessProbe.IsAlive(pid)));
            Assert.Throws<InvalidOperationException>(() => { _ = pool.ApplyAsync(Jobs.SquareAsync, 1); });
        }
        finally
        {
            pool.Terminate();
            await TestPool.EnsureNoSurvivorsAsync(pool.StartedChildPids);
        }
    }

    [Fact]
    public async Task JoinAsync_BeforeCloseOrTerminate_ThrowsInvalidOperationException()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1 });
        Assert.Throws<InvalidOperationException>(() => { _ = scope.Pool.JoinAsync(); });
    }

    [Fact]
    public async Task DisposeAsync_EndsEveryChild()
    {
        var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 2 });
        var pids = pool.ChildPids;
        Assert.Equal(2, pids.Count);

        await pool.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(pids, pid => Assert.False(ProcessProbe.IsAlive(pid)));
        Assert.Empty(pool.ChildPids);
    }

    [Fact]
    public async Task ParentKilled_ChildrenExit()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(TestHostProgram.DllPath);
        info.ArgumentList.Add("2");
        using var parent = Process.Start(info)!;
        var children = new List<int>();
        try
        {
            string? line;
            while ((line = await parent.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))) is not null && !line.StartsWith("CHILDREN "))
            {
            }
            Assert.NotNull(line);
            children.AddRange(line.Split(' ')[1].Split(',').Select(int.Parse));
            Assert.Equal(2, children.Count);
            Assert.All(children, pid => Assert.True(ProcessProbe.IsAlive(pid)));
            Assert.NotEmpty(AreaProbe.AreasOf(parent.Id));

            parent.Kill(); // SIGKILL: the parent runs no cleanup at all.
            await parent.WaitForExitAsync();

            // Every child exits within a second of its parent's death: its standard input ends, and it leaves at once,
            // having removed its own shared-memory area and its parent's.
            Assert.True(await ProcessProbe.WaitForExitAsync(children, TimeSpan.FromSeconds(1)), "children outlived their killed parent by a second");
            Assert.Empty(AreaProbe.AreasOf(parent.Id));
            Assert.All(children, pid => Assert.Empty(AreaProbe.AreasOf(pid)));
        }
        finally
        {
            if (!parent.HasExited)
                parent.Kill(entireProcessTree: true);
            ProcessProbe.KillSurvivors(children);
        }
    }
}
