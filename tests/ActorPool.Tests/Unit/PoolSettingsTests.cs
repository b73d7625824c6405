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

    [Theory]
    [InlineData("dispose-grace", "60d")]
    [InlineData("task-timeout-grace", "30d")]
    [InlineData("child-start-timeout", "0s")]
    [InlineData("liveness.interval", "0s")]
    public void Duration_OutOfRange_IsRefusedNamingTheSetting(string key, string value)
    {
        // 60 days was taken, and DisposeAsync then threw from its own wait (red-team, 2026-12-07).
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Read($"actorpool.{key} = {value}"));
        Assert.Contains($"actorpool.{key}", error.Message);
    }

    [Theory]
    [InlineData("dispose-grace", "\"10 seconds please\"")]
    [InlineData("task-timeout-grace", "-1s")]
    public void Duration_NotADuration_IsRefusedNamingTheSetting(string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Read($"actorpool.{key} = {value}"));
        Assert.Contains($"actorpool.{key}", error.Message);
    }
}
