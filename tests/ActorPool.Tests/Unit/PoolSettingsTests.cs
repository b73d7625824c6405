using Akka.Configuration;
using ActorPool.Configuration;

namespace ActorPool.Tests.Unit;

public sealed class PoolSettingsTests
{
    private static PoolSettings Read(string hocon) => PoolSettings.From(PoolConfig.Merge(ConfigurationFactory.ParseString(hocon)));

    [Fact]
    public void ChildStartsAtOnce_AutoIsTheCores_AndANumberIsTakenAsItIs()
    {
        Assert.Equal(Environment.ProcessorCount, Read("").ChildStartsAtOnce);
        Assert.Equal(Environment.ProcessorCount, Read("actorpool.child-starts-at-once = auto").ChildStartsAtOnce);
        Assert.Equal(3, Read("actorpool.child-starts-at-once = 3").ChildStartsAtOnce);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("many")]
    public void ChildStartsAtOnce_NotAutoOrAPositiveNumber_IsRefusedNamingTheSetting(string value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Read($"actorpool.child-starts-at-once = {value}"));
        Assert.Contains("actorpool.child-starts-at-once", error.Message);
        Assert.Contains(value, error.Message);
    }
}
