using ActorPool.Supervision;

namespace ActorPool.Tests.Unit;

public sealed class StartFailuresTests
{
    private static readonly DateTime s_now = DateTime.UtcNow;

    [Fact]
    public void ExitedBeforeReady_KilledFromOutsideOverAndOver_BacksOffDoublingUpTo10sAndNeverGivesUp()
    {
        var failures = new StartFailures();

        var delays = Enumerable.Range(0, 12).Select(_ => failures.ExitedBeforeReady(137, wroteErrors: false, s_now)).ToList();

        Assert.All(delays, d => Assert.NotNull(d));
        Assert.Equal([100, 200, 400, 800], delays.Take(4).Select(d => d!.Value.TotalMilliseconds));
        Assert.Equal(TimeSpan.FromSeconds(10), delays[^1]);
        Assert.Equal(12, failures.RecentFailures(s_now));
    }

    [Fact]
    public void ExitedBeforeReady_HostFailsByItself_GivesUpAtTheThirdInARow()
    {
        var failures = new StartFailures();

        Assert.NotNull(failures.ExitedBeforeReady(134, wroteErrors: true, s_now));
        Assert.NotNull(failures.ExitedBeforeReady(1, wroteErrors: false, s_now));
        Assert.Null(failures.ExitedBeforeReady(137, wroteErrors: true, s_now));
    }

    [Fact]
    public void ChildReady_AfterFailures_StartsTheCountsAgain()
    {
        var failures = new StartFailures();
        failures.ExitedBeforeReady(1, wroteErrors: true, s_now);
        failures.ExitedBeforeReady(1, wroteErrors: true, s_now);

        failures.ChildReady();

        Assert.NotNull(failures.ExitedBeforeReady(1, wroteErrors: true, s_now));
        Assert.Equal(TimeSpan.FromMilliseconds(100), failures.ExitedBeforeReady(143, wroteErrors: false, s_now));
    }

    [Fact]
    public void RecentFailures_OlderThanAMinute_AreForgotten()
    {
        var failures = new StartFailures();
        failures.ExitedBeforeReady(137, wroteErrors: false, s_now - TimeSpan.FromMinutes(2));
        failures.ExitedBeforeReady(137, wroteErrors: false, s_now);

        Assert.Equal(1, failures.RecentFailures(s_now));
    }
}
