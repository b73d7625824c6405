using ActorPool.Execution;

namespace ActorPool.Tests.Unit;

public sealed class ChildLineTests
{
    [Theory]
    [InlineData("Ready", "akka.ssl.tcp://actorpool-child-1@127.0.0.1:40001 12345")]
    [InlineData("Result", "AQID")]
    [InlineData("Error", "")]
    [InlineData("SharedHost", "akka.ssl.tcp://actorpool-shared@127.0.0.1:40002 -7")]
    public void Written_ParsesBackToTheSameKindAndText(string kindName, string text)
    {
        var kind = Enum.Parse<ChildLineKind>(kindName);
        var output = new StringWriter();

        ChildLine.Write(output, kind, text);

        Assert.Equal(new ChildLine(kind, text), ChildLine.Parse(output.ToString().TrimEnd('\r', '\n')));
    }

    [Theory]
    [InlineData("hello from a task")]
    [InlineData("ACTORPOOL-READYNOSPACE")]
    [InlineData("actorpool-ready lower case")]
    [InlineData("")]
    public void AnyOtherLine_IsTheChildsOwnOutput(string line) =>
        Assert.Equal(new ChildLine(ChildLineKind.Other, line), ChildLine.Parse(line));

    [Fact]
    public void ProtocolLineAfterOutputOnTheSameLine_IsParsedWithThatOutputApart() =>
        Assert.Equal(new ChildLine(ChildLineKind.Result, "AQID", "working..."), ChildLine.Parse("working...ACTORPOOL-RESULT AQID"));

    [Fact]
    public void Write_Other_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ChildLine.Write(new StringWriter(), ChildLineKind.Other, "x"));
}
