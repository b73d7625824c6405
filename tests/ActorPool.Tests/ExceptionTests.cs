using ActorPool.Tests.Support;

namespace ActorPool.Tests;

/// <summary>Errors of tasks in a child, on one child shared by the class (a task's error leaves its child working, so it can be).</summary>
public sealed class ExceptionTests(OneChildPool shared) : IClassFixture<OneChildPool>
{
    [Fact]
    public async Task ApplyAsync_TaskThrows_ProxyExceptionCarriesTypeMessageStackPidAndOriginal()
    {
        var pool = shared.Pool;

        var error = await Assert.ThrowsAsync<ProxyException>(() => pool.ApplyAsync(Jobs.ThrowInvalidOperation, "bad state"));

        Assert.Equal("System.InvalidOperationException", error.RemoteType);
        Assert.Equal("bad state", error.RemoteMessage);
        Assert.Contains(nameof(Jobs.ThrowInvalidOperation), error.RemoteStackTrace);
        Assert.Equal(pool.ChildPids.Single(), error.ChildPid);
        var inner = Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal("bad state", inner.Message);
    }

    [Fact]
    public async Task ApplyAsync_InnerExceptionsMakeACycle_ProxyExceptionAndTheChildLives()
    {
        // Its ToString overflowed the child's stack until 2026-12-07: a crash, and another on every retry.
        var pool = shared.Pool;
        var child = pool.ChildPids.Single();

        var error = await Assert.ThrowsAsync<ProxyException>(() => pool.ApplyAsync(Jobs.ThrowCyclic, 1).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal("System.InvalidOperationException", error.RemoteType);
        Assert.Equal("second", error.RemoteMessage);
        Assert.Null(error.InnerException);
        Assert.Equal(child, pool.ChildPids.Single());
    }

    [Fact]
    public async Task ApplyAsync_TaskCanceledInTheChild_IsRecreatedAsATaskCanceledException()
    {
        // Its token and task went with it, and with them what their callbacks held: never re-created until 2026-12-07.
        var error = await Assert.ThrowsAsync<ProxyException>(() => shared.Pool.ApplyAsync(Jobs.CancelledOnItsOwnAsync).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(typeof(TaskCanceledException).FullName, error.RemoteType);
        Assert.IsType<TaskCanceledException>(error.InnerException);
    }

    [Fact]
    public async Task ExceptionWhoseDescriptionsThrow_EveryKindOfCall_EndsWithAProxyExceptionNamingItsType()
    {
        var pool = shared.Pool;
        var limit = TimeSpan.FromSeconds(60);

        var applied = await Assert.ThrowsAsync<ProxyException>(() => pool.ApplyAsync(Jobs.ThrowPoisoned, 1).WaitAsync(limit));
        var asked = await Assert.ThrowsAsync<ProxyException>(
            () => Akka.Actor.Futures.Ask<int>(pool.Router, Invoke.Create(Jobs.ThrowPoisoned, 2), limit));
        await using var worker = Worker.Start(Jobs.ThrowPoisoned, 3);
        var ran = await Assert.ThrowsAsync<ProxyException>(() => worker.Result.WaitAsync(limit));

        foreach (var error in new[] { applied, asked, ran })
        {
            Assert.Equal(typeof(PoisonedException).FullName, error.RemoteType);
            Assert.Contains("could not be read", error.RemoteMessage);
            Assert.Null(error.InnerException);
        }
        Assert.Equal(1, worker.ExitCode);
        Assert.Equal(16, await pool.ApplyAsync(Jobs.SquareAsync, 4));
    }

    [Fact]
    public async Task ApplyAsync_UserExceptionType_IsRecreatedWithItsState()
    {
        var pool = shared.Pool;

        var error = await Assert.ThrowsAsync<ProxyException>(() => pool.ApplyAsync(Jobs.ThrowCustomAsync, 42));

        Assert.Equal(typeof(JobFailedException).FullName, error.RemoteType);
        Assert.Contains(nameof(Jobs.ThrowCustomAsync), error.RemoteStackTrace);
        Assert.Equal(42, Assert.IsType<JobFailedException>(error.InnerException).Code);
    }

    [Fact]
    public async Task ApplyAsync_AfterATaskThrew_ChildAndPoolKeepWorking()
    {
        var pool = shared.Pool;
        var pid = pool.ChildPids.Single();

        for (var i = 0; i < 5; i++)
            await Assert.ThrowsAsync<ProxyException>(() => pool.ApplyAsync(Jobs.ThrowCustomAsync, i));

        Assert.Equal(16, await pool.ApplyAsync(Jobs.SquareAsync, 4));
        Assert.Equal(pid, pool.ChildPids.Single());
    }

    [Fact]
    public async Task ApplyAsync_ResultThatCannotBeSerialized_FaultsWithProxyExceptionNamingTheType()
    {
        var pool = shared.Pool;
        var pid = pool.ChildPids.Single();

        var error = await Assert.ThrowsAsync<ProxyException>(() => pool.ApplyAsync(() => new Unserializable()));

        Assert.Contains(typeof(Unserializable).FullName!, error.Message);
        Assert.Equal(1, await pool.ApplyAsync(() => 1));
        Assert.Equal(pid, pool.ChildPids.Single());
    }
}

public sealed class Unserializable
{
    public Action Callback { get; } = () => Console.WriteLine(Environment.ProcessId);

    public IntPtr Handle { get; } = new(42);

    public Unserializable Self => this;
}
