using ActorPool.Tests.Support;

namespace ActorPool.Tests;

public sealed class ExceptionTests
{
    [Fact]
    public async Task ApplyAsync_TaskThrows_ProxyExceptionCarriesTypeMessageStackPidAndOriginal()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1 });
        var pool = scope.Pool;

        var error = await Assert.ThrowsAsync<ProxyException>(() => pool.ApplyAsync(Jobs.ThrowInvalidOperation, "bad state"));

        Assert.Equal("System.InvalidOperationException", error.RemoteType);
        Assert.Equal("bad state", error.RemoteMessage);
        Assert.Contains(nameof(Jobs.ThrowInvalidOperation), error.RemoteStackTrace);
        Assert.Equal(pool.ChildPids.Single(), error.ChildPid);
        var inner = Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal("bad state", inner.Message);
    }

    [Fact]
    public async Task ExceptionWhoseDescriptionsThrow_EveryKindOfCall_EndsWithAProxyExceptionNamingItsType()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1 });
        var limit = TimeSpan.FromSeconds(60);

        var applied = await Assert.ThrowsAsync<ProxyException>(() => scope.Pool.ApplyAsync(Jobs.ThrowPoisoned, 1).WaitAsync(limit));
        var asked = await Assert.ThrowsAsync<ProxyException>(
            () => Akka.Actor.Futures.Ask<int>(scope.Pool.Router, Invoke.Create(Jobs.ThrowPoisoned, 2), limit));
        await using var worker = Worker.Start(Jobs.ThrowPoisoned, 3);
        var ran = await Assert.ThrowsAsync<ProxyException>(() => worker.Result.WaitAsync(limit));

        foreach (var error in new[] { applied, asked, ran })
        {
            Assert.Equal(typeof(PoisonedException).FullName, error.RemoteType);
            Assert.Contains("could not be read", error.RemoteMessage);
            Assert.Null(error.InnerException);
        }
        Assert.Equal(1, worker.ExitCode);
        Assert.Equal(16, await scope.Pool.ApplyAsync(Jobs.SquareAsync, 4));
    }

    [Fact]
    public async Task ApplyAsync_UserExceptionType_IsRecreatedWithItsState()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1 });

        var error = await Assert.ThrowsAsync<ProxyException>(() => scope.Pool.ApplyAsync(Jobs.ThrowCustomAsync, 42));

        Assert.Equal(typeof(JobFailedException).FullName, error.RemoteType);
        Assert.Contains(nameof(Jobs.ThrowCustomAsync), error.RemoteStackTrace);
        Assert.Equal(42, Assert.IsType<JobFailedException>(error.InnerException).Code);
    }

    [Fact]
    public async Task ApplyAsync_AfterATaskThrew_ChildAndPoolKeepWorking()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1 });
        var pid = scope.Pool.ChildPids.Single();

        for (var i = 0; i < 5; i++)
            await Assert.ThrowsAsync<ProxyException>(() => scope.Pool.ApplyAsync(Jobs.ThrowCustomAsync, i));

        Assert.Equal(16, await scope.Pool.ApplyAsync(Jobs.SquareAsync, 4));
        Assert.Equal(pid, scope.Pool.ChildPids.Single());
    }

    [Fact]
    public async Task ApplyAsync_ResultThatCannotBeSerialized_FaultsWithProxyExceptionNamingTheType()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1 });
        var pid = scope.Pool.ChildPids.Single();

        var error = await Assert.ThrowsAsync<ProxyException>(() => scope.Pool.ApplyAsync(() => new Unserializable()));

        Assert.Contains(typeof(Unserializable).FullName!, error.Message);
        Assert.Equal(1, await scope.Pool.ApplyAsync(() => 1));
        Assert.Equal(pid, scope.Pool.ChildPids.Single());
    }
}

public sealed class Unserializable
{
    public Action Callback { get; } = () => Console.WriteLine(Environment.ProcessId);

    public IntPtr Handle { get; } = new(42);

    public Unserializable Self => this;
}
