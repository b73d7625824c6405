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
    public async Task Initializer_InitArgsOfTheWrongCount_StartAsyncThrowsArgumentExceptionAtOnce()
    {
        // Found by the child until 2026-12-07, after its start, with two error stacks on standard error.
        var options = new PoolOptions { Processes = 1, Initializer = Jobs.Initialize };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ProcessPool.StartAsync(options));

        Assert.Equal("InitArgs", error.ParamName);
        Assert.Contains("takes 1 argument(s); 0 were given", error.Message);
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
        var log = Records.NewDirectory("handler");
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
            var lines = Records.Read(log);
            Assert.Equal(5, lines.Count);
            Assert.All(lines, line => Assert.Contains(nameof(JobFailedException), line));
            Assert.All(lines, line => Assert.Contains(int.Parse(line.Split(' ')[0]), scope.Pool.ChildPids));
        }
        finally
        {
            Directory.Delete(log, recursive: true);
        }
    }
}

public static class HandlerLogging
{
    /// <summary>A handler that records "pid type" in <paramref name="directory"/>; its closure holds only the directory.</summary>
    public static Action<Exception> To(string directory) => error =>
        Records.Write(directory, $"{Environment.ProcessId} {error.GetType().Name}");
}
