namespace ActorPool.Tests.Support;

/// <summary>
/// A pool for one test. Disposing it terminates the pool, waits for its children, and fails the test if any
/// child process it ever started is still alive (after killing it, so that nothing outlives the test).
/// </summary>
internal sealed class TestPool : IAsyncDisposable
{
    private TestPool(ProcessPool pool) => Pool = pool;

    public ProcessPool Pool { get; }

    public static async Task<TestPool> StartAsync(PoolOptions options) =>
        new(await ProcessPool.StartAsync(options));

    /// <summary>Ends the pool gracefully (DisposeAsync), then checks for survivors.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Pool.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await EnsureNoSurvivorsAsync(Pool.StartedChildPids);
        }
    }

    public static async Task EnsureNoSurvivorsAsync(IReadOnlyList<int> pids)
    {
        if (await ProcessProbe.WaitForExitAsync(pids, TimeSpan.FromSeconds(10)))
            return;
        var killed = ProcessProbe.KillSurvivors(pids);
        Assert.Fail($"Child processes outlived their pool and had to be killed: {string.Join(", ", killed)}");
    }
}
