using ActorPool.Tests.Support;

namespace ActorPool.Tests;

public sealed class InitializerTests
{
    [Fact]
    public async Task Initializer_RunsOnceInEachChildBeforeItsFirstTask()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions
        {
            Processes = 2,
            Initializer = Jobs.Initialize,
            InitArgs = ["hello"],
        });

        var states = await scope.Pool.Map(Jobs.InitState, Enumerable.Range(0, 40));

        Assert.All(states, s => Assert.Equal((1, "hello"), (s.Initialized, s.Tag)));
        Assert.Equal(scope.Pool.ChildPids.Order(), states.Select(s => s.Pid).Distinct().Order());
    }

    [Fact]
    public async Task Initializer_Throws_StartAsyncFailsWithTheChildsError()
    {
        var error = await Assert.ThrowsAsync<ProxyException>(() => ProcessPool.StartAsync(new PoolOptions
        {
            Processes = 2,
            Initializer = Jobs.ThrowInvalidOperation,
            InitArgs = ["init failed"],
        }));

        Assert.Equal("System.InvalidOperationException", error.RemoteType);
        Assert.Equal("init failed", error.RemoteMessage);
        Assert.NotEqual(Environment.ProcessId, error.ChildPid);
        Assert.True(await ProcessProbe.WaitForExitAsync([error.ChildPid], TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task ExceptionHandler_RunsInTheChildForEveryTaskThatThrows()
    {
        var log = Path.Combine(Path.GetTempPath(), $"actorpool-handler-{Guid.NewGuid():N}.log");
        try
        {
            await using var scope = await TestPool.StartAsync(new PoolOptions
            {
                Processes = 2,
                ExceptionHandler = HandlerLogging.To(log),
            });

            var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
            {
                try
                {
                    return i % 2 == 0 ? await scope.Pool.ApplyAsync(Jobs.ThrowCustomAsync, i) : await scope.Pool.ApplyAsync(Jobs.SquareAsync, i);
                }
                catch (ProxyException)
                {
                    return -1;
                }
            }));

            Assert.Equal(5, outcomes.Count(o => o == -1));
            var lines = File.ReadAllLines(log);
            Assert.Equal(5, lines.Length);
            Assert.All(lines, line => Assert.Contains(nameof(JobFailedException), line));
            Assert.All(lines, line => Assert.Contains(int.Parse(line.Split(' ')[0]), scope.Pool.ChildPids));
        }
        finally
        {
            File.Delete(log);
        }
    }
}

public static class HandlerLogging
{
    private static readonly object s_lock = new();

    /// <summary>A handler that appends "pid type" to <paramref name="path"/>; its closure holds only the path.</summary>
    public static Action<Exception> To(string path) => error =>
    {
        lock (s_lock)
            File.AppendAllText(path, $"{Environment.ProcessId} {error.GetType().Name}\n");
    };
}
