using ActorPool.Supervision;

namespace ActorPool.Tests.Unit;

public sealed class LivenessTests
{
    private static readonly DateTime s_now = DateTime.UtcNow;
    private static readonly Liveness s_liveness = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3));

    [Theory]
    [InlineData(0, "Answering")]
    [InlineData(900, "Answering")]
    [InlineData(1100, "Unresponsive")]
    [InlineData(2900, "Unresponsive")]
    [InlineData(3100, "Hung")]
    public void Judge_BySilence_AnsweringThenUnresponsiveAfterTwoProbesThenHungAfterTheTimeout(int silentMs, string expected) =>
        Assert.Equal(Enum.Parse<LivenessVerdict>(expected), s_liveness.Judge(s_now.AddMilliseconds(-silentMs), s_now));

    [Fact]
    public void TimeoutOff_NeverHung_AndNoProbes()
    {
        var off = new Liveness(TimeSpan.FromMilliseconds(500), null);

        Assert.False(off.Probes);
        Assert.Equal(LivenessVerdict.Unresponsive, off.Judge(s_now.AddHours(-1), s_now));
    }
}
