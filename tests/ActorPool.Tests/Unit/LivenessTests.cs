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
    public void ParentStalled_TicksOnTimeAndThePoolPrompt_No()
    {
        var liveness = new Liveness(s_interval, TimeSpan.FromSeconds(3));

        Assert.False(liveness.ParentStalled(s_now, TimeSpan.Zero));
        Assert.False(liveness.ParentStalled(s_now + s_interval, TimeSpan.FromMilliseconds(5)));
        // A timer's jitter is not a stall.
        Assert.False(liveness.ParentStalled(s_now + 2 * s_interval + TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(5)));
    }

    [Fact]
    public void ParentStalled_TickCameLate_Yes()
    {
        var liveness = new Liveness(s_interval, TimeSpan.FromSeconds(3));
        liveness.ParentStalled(s_now, TimeSpan.Zero);

        Assert.True(liveness.ParentStalled(s_now + s_interval + TimeSpan.FromSeconds(5), TimeSpan.Zero));
        Assert.False(liveness.ParentStalled(s_now + 2 * s_interval + TimeSpan.FromSeconds(5), TimeSpan.Zero));
    }

    [Fact]
    public void ParentStalled_TicksOnTimeButThePoolsQueueSlow_Yes()
    {
        // Under a blocked thread pool the tick can get a thread in time while the answers' longer path does not.
        var liveness = new Liveness(s_interval, TimeSpan.FromSeconds(3));
        liveness.ParentStalled(s_now, TimeSpan.Zero);

        Assert.True(liveness.ParentStalled(s_now + s_interval, TimeSpan.FromSeconds(1)));
    }
}
