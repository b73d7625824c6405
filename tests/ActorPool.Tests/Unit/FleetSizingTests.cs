using ActorPool.Supervision;

namespace ActorPool.Tests.Unit;

public sealed class FleetSizingTests
{
    private static readonly TimeSpan s_idle = TimeSpan.FromSeconds(30);

    [Fact]
    public void MayStart_CountsEveryChildStarting_AgainstStartsAtOnce()
    {
        var sizing = new FleetSizing(Min: 8, Max: 8, Spares: 0, InFlightPerChild: 32, s_idle) { StartsAtOnce = 2 };

        Assert.True(sizing.MayStart(starting: 0));
        Assert.True(sizing.MayStart(starting: 1));
        Assert.False(sizing.MayStart(starting: 2));
    }

    [Fact]
    public void Needed_FixedPoolMissingChildren_StartsTheMissingOnesWhateverTheQueue()
    {
        var sizing = new FleetSizing(Min: 4, Max: 4, Spares: 0, InFlightPerChild: 32, s_idle);

        Assert.Equal(4, sizing.Needed(active: 0, starting: 0, queued: 0));
        Assert.Equal(1, sizing.Needed(active: 3, starting: 0, queued: 1000));
        Assert.Equal(0, sizing.Needed(active: 4, starting: 0, queued: 1000));
    }

    [Fact]
    public void Needed_ElasticPoolWithTasksWaiting_StartsEnoughChildrenForThemUpToMax()
    {
        var sizing = new FleetSizing(Min: 1, Max: 8, Spares: 0, InFlightPerChild: 10, s_idle);

        Assert.Equal(0, sizing.Needed(active: 1, starting: 0, queued: 0));
        Assert.Equal(1, sizing.Needed(active: 1, starting: 0, queued: 1));
        Assert.Equal(3, sizing.Needed(active: 1, starting: 0, queued: 25));
        Assert.Equal(7, sizing.Needed(active: 1, starting: 0, queued: 10_000));
    }

    [Fact]
    public void Needed_ChildrenStarting_CountTheTasksTheyWillTake()
    {
        var sizing = new FleetSizing(Min: 1, Max: 8, Spares: 0, InFlightPerChild: 10, s_idle);

        Assert.Equal(0, sizing.Needed(active: 3, starting: 2, queued: 20));
        Assert.Equal(1, sizing.Needed(active: 3, starting: 2, queued: 21));
    }

    [Fact]
    public void StartSpare_OneAtATimeAndOnlyWhileNothingElseStarts()
    {
        var sizing = new FleetSizing(Min: 2, Max: 2, Spares: 2, InFlightPerChild: 10, s_idle);

        Assert.True(sizing.StartSpare(spares: 0, starting: 0));
        Assert.False(sizing.StartSpare(spares: 0, starting: 1));
        Assert.True(sizing.StartSpare(spares: 1, starting: 0));
        Assert.False(sizing.StartSpare(spares: 2, starting: 0));
    }

    [Fact]
    public void MayShrink_OnlyAnElasticPoolAboveItsMinimumAfterTheIdleTimeout()
    {
        var now = DateTime.UtcNow;
        var elastic = new FleetSizing(Min: 1, Max: 4, Spares: 0, InFlightPerChild: 10, s_idle);
        var fixedSize = new FleetSizing(Min: 4, Max: 4, Spares: 0, InFlightPerChild: 10, s_idle);

        Assert.True(elastic.MayShrink(active: 2, idleSince: now - s_idle, now));
        Assert.False(elastic.MayShrink(active: 2, idleSince: now - s_idle + TimeSpan.FromSeconds(1), now));
        Assert.False(elastic.MayShrink(active: 1, idleSince: now - s_idle, now));
        Assert.False(fixedSize.MayShrink(active: 4, idleSince: now - s_idle, now));
    }
}
