using ActorPool.Supervision;

namespace ActorPool.Tests.Unit;

public sealed class LivenessTests
{
    private static readonly TimeSpan s_now = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(500);
    private static readonly Liveness s_liveness = new(s_interval, TimeSpan.FromSeconds(3));

    [Theory]
    [InlineData(0, "Answering")]
    [InlineData(900, "Answering")]
    [InlineData(1100, "Unresponsive")]
    [InlineData(2900, "Unresponsive")]
    [InlineData(3100, "Hung")]
    public void Judge_BySilence_AnsweringThenUnresponsiveAfterTwoProbesThenHungAfterTheTimeout(int silentMs, string expected) =>
        Assert.Equal(Enum.Parse<LivenessVerdict>(expected), s_liveness.Judge(s_now - TimeSpan.FromMilliseconds(silentMs), s_now));

    [Fact]
    public void TimeoutOff_NeverHung_AndNoProbes()
    {
        var off = new Liveness(s_interval, null);

        Assert.False(off.Probes);
        Assert.Equal(LivenessVerdict.Unresponsive, off.Judge(s_now - TimeSpan.FromHours(1), s_now));
    }

    [Fact]
    public void Tick_OnTimeOrEarly_ParentWasNotLate()
    {
        var liveness = new Liveness(s_interval, TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.Zero, liveness.Tick(s_now));
        Assert.Equal(TimeSpan.Zero, liveness.Tick(s_now + s_interval));
        Assert.Equal(TimeSpan.Zero, liveness.Tick(s_now + 2 * s_interval - TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public void Tick_AfterTheParentStalled_GivesHowLateItCame_SoThatStallIsNotCountedAsTheChildrensSilence()
    {
        var liveness = new Liveness(s_interval, TimeSpan.FromSeconds(3));
        liveness.Tick(s_now);

        var late = liveness.Tick(s_now + s_interval + TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(5), late);
        // A child last heard just before the stall is judged on what the parent could hear since.
        var lastHeard = s_now - TimeSpan.FromMilliseconds(100) + late;
        Assert.Equal(LivenessVerdict.Answering, liveness.Judge(lastHeard, s_now + s_interval + TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.Zero, liveness.Tick(s_now + 2 * s_interval + TimeSpan.FromSeconds(5)));
    }
}
