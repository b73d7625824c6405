using ActorPool.Diagnostics;

namespace ActorPool.Tests.Unit;

/// <summary>How the supervisor's counts become a pool's health, without processes.</summary>
public sealed class HealthBoardTests
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.UtcNow;

    private static PoolHealth Publish(bool started = true, bool terminated = false, int ready = 2, int starting = 0, int inARow = 0, int recent = 0, DateTimeOffset? storm = null, DateTimeOffset? now = null)
    {
        var board = new HealthBoard(minimumChildren: 2);
        board.Publish(started, terminated, ready, starting, inARow, recent, storm, now ?? s_now);
        return board.Current;
    }

    [Fact]
    public void NotStartedYet_IsUnhealthy() => Assert.Equal(PoolHealthStatus.Unhealthy, new HealthBoard(2).Current.Status);

    [Fact]
    public void EveryChildReady_NoStorm_IsHealthy() => Assert.Equal(PoolHealthStatus.Healthy, Publish().Status);

    [Fact]
    public void FewerReadyThanTheMinimum_NoneStarting_IsDegraded() => Assert.Equal(PoolHealthStatus.Degraded, Publish(ready: 1).Status);

    [Fact]
    public void AChildRetiring_ItsReplacementStarting_IsHealthy() => Assert.Equal(PoolHealthStatus.Healthy, Publish(ready: 1, starting: 1).Status);

    [Fact]
    public void NoChildReady_SomeStarting_IsDegraded() => Assert.Equal(PoolHealthStatus.Degraded, Publish(ready: 0, starting: 2).Status);

    [Fact]
    public void NoChildReady_NoneStarting_IsUnhealthy() => Assert.Equal(PoolHealthStatus.Unhealthy, Publish(ready: 0).Status);

    [Fact]
    public void Terminated_IsUnhealthy() => Assert.Equal(PoolHealthStatus.Unhealthy, Publish(terminated: true).Status);

    [Fact]
    public void ThreeStartFailuresInARow_IsARestartStorm_EvenWithChildrenReady()
    {
        var health = Publish(ready: 2, inARow: 3, recent: 3, storm: s_now);
        Assert.Equal(PoolHealthStatus.Unhealthy, health.Status);
        Assert.Contains("Restart storm", health.Description);
    }

    [Fact]
    public void AfterAStorm_DegradedForAMinute_ThenHealthy()
    {
        var board = new HealthBoard(minimumChildren: 2);
        board.Publish(true, false, 2, 0, 0, 3, s_now, s_now.AddSeconds(30));
        Assert.Equal(PoolHealthStatus.Degraded, board.Current.Status);
        Assert.Equal(s_now, board.Current.LastRestartStorm);
        board.Publish(true, false, 2, 0, 0, 0, s_now, s_now.AddSeconds(61));
        Assert.Equal(PoolHealthStatus.Healthy, board.Current.Status);
    }

    [Fact]
    public void Ended_IsUnhealthyWhateverCameBefore()
    {
        var board = new HealthBoard(minimumChildren: 2);
        board.Publish(true, false, 2, 0, 0, 0, null, s_now);
        board.Ended("The pool has ended.");
        Assert.Equal(PoolHealthStatus.Unhealthy, board.Current.Status);
        Assert.Equal(0, board.Current.ReadyChildren);
    }
}
