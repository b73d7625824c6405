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
        Assert.Equal(Enum.Parse<LivenessVerdict>(expected), s_liveness.Judge(s_now - TimeSpan.FromMilliseconds(silentMs), TimeSpan.Zero, s_now));

    [Fact]
    public void TimeoutOff_NeverHung_AndNoProbes()
    {
        var off = new Liveness(s_interval, null);

        Assert.False(off.Probes);
        Assert.Equal(LivenessVerdict.Unresponsive, off.Judge(s_now - TimeSpan.FromHours(1), TimeSpan.Zero, s_now));
    }

    [Fact]
    public void ParentStall_TicksOnTimeAndThePoolPrompt_None()
    {
        var liveness = new Liveness(s_interval, TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.Zero, liveness.ParentStall(s_now, TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, liveness.ParentStall(s_now + s_interval, TimeSpan.FromMilliseconds(5)));
        // A timer's jitter is not a stall.
        Assert.Equal(TimeSpan.Zero, liveness.ParentStall(s_now + 2 * s_interval + TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(5)));
    }

    [Fact]
    public void ParentStall_TickCameLate_IsHowLate()
    {
        var liveness = new Liveness(s_interval, TimeSpan.FromSeconds(3));
        liveness.ParentStall(s_now, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(5), liveness.ParentStall(s_now + s_interval + TimeSpan.FromSeconds(5), TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, liveness.ParentStall(s_now + 2 * s_interval + TimeSpan.FromSeconds(5), TimeSpan.Zero));
    }

    [Fact]
    public void ParentStall_TicksOnTimeButThePoolsQueueSlow_IsTheWait_AtMostTheTimeSinceTheLastTick()
    {
        // Under a blocked thread pool the tick can get a thread in time while the answers' longer path does not.
        var liveness = new Liveness(s_interval, TimeSpan.FromSeconds(3));
        liveness.ParentStall(s_now, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromMilliseconds(400), liveness.ParentStall(s_now + s_interval, TimeSpan.FromMilliseconds(400)));
        Assert.Equal(s_interval, liveness.ParentStall(s_now + 2 * s_interval, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Judge_SilenceLessTheParentsStalls_ButNeverMoreThanTenTimeouts()
    {
        var lastHeard = s_now - TimeSpan.FromSeconds(20);

        // 20 s without an answer, 18 of them the parent's own: 2 s of the child's silence.
        Assert.Equal(LivenessVerdict.Unresponsive, s_liveness.Judge(lastHeard, TimeSpan.FromSeconds(18), s_now));
        Assert.Equal(LivenessVerdict.Hung, s_liveness.Judge(lastHeard, TimeSpan.FromSeconds(16), s_now));
        // A parent that stalls all the time still kills a child silent for ten timeouts.
        Assert.Equal(LivenessVerdict.Hung, s_liveness.Judge(s_now - TimeSpan.FromSeconds(31), TimeSpan.FromSeconds(31), s_now));
    }
}
