using ActorPool.Tests.Support;

namespace ActorPool.Tests;

public sealed class TimeoutTests
{
    [Fact]
    public async Task TaskTimeout_Elapsed_CallerGetsTimeoutExceptionAndFunctionsTokenIsCancelled()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, TaskTimeout = TimeSpan.FromMilliseconds(500) });
        var marker = Path.Combine(Path.GetTempPath(), $"actorpool-timeout-{Guid.NewGuid():N}");
        try
        {
            await Assert.ThrowsAsync<TimeoutException>(() => scope.Pool.ApplyAsync(Jobs.MarkWhenCancelledAsync, marker));

            Assert.True(await Wait.UntilAsync(() => File.Exists(marker), TimeSpan.FromSeconds(30)), "the function's token was never cancelled");
            Assert.Equal(4, await scope.Pool.ApplyAsync(Jobs.SquareAsync, 2));
        }
        finally
        {
            File.Delete(marker);
            File.Delete(marker + ".started");
        }
    }
}
