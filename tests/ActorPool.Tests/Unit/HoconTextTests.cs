using Akka.Configuration;
using ActorPool.Configuration;

namespace ActorPool.Tests.Unit;

public sealed class HoconTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("x,y")]
    [InlineData("#not a comment")]
    [InlineData("{braces}")]
    [InlineData("q\"uote and \\ back")]
    [InlineData("line\nbreak\ttab")]
    [InlineData("http://host:1/path")]
    public void Render_AnyStringValue_ParsesBackTheSame(string value)
    {
        var config = ConfigurationFactory.ParseString("k = " + Quoted(value) + "\nz = 1");

        var back = ConfigurationFactory.ParseString(HoconText.Render(config));

        Assert.Equal(value, back.GetString("k"));
        Assert.Equal(1, back.GetInt("z"));
    }

    [Fact]
    public void Render_NestedObjectsArraysDottedKeysAndFallbacks_ParseBackTheSame()
    {
        var config = ConfigurationFactory.ParseString("""
            actorpool.child-environment { "io.netty.allocator.type" = unpooled, EMPTY = "" }
            actorpool.liveness { interval = 250ms, timeout = off }
            list = [1, "two", 3s]
            flag = on
            nothing = null
            """).WithFallback(ConfigurationFactory.ParseString("actorpool.max-payload-size = 8MiB\nlist = [9]"));

        var back = ConfigurationFactory.ParseString(HoconText.Render(config));

        Assert.Equal("unpooled", back.GetConfig("actorpool.child-environment").GetString("\"io.netty.allocator.type\""));
        Assert.Equal("", back.GetString("actorpool.child-environment.EMPTY"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), back.GetTimeSpan("actorpool.liveness.interval"));
        Assert.Equal("off", back.GetString("actorpool.liveness.timeout"));
        Assert.Equal(["1", "two", "3s"], back.GetStringList("list"));
        Assert.True(back.GetBoolean("flag"));
        Assert.Equal(8L * 1024 * 1024, back.GetByteSize("actorpool.max-payload-size"));
        Assert.Null(back.GetString("nothing"));
        Assert.Equal("", HoconText.Render(null));
    }

    private static string Quoted(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\t", "\\t") + "\"";
}
