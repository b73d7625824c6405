using ActorPool.Logging;
using Microsoft.Extensions.Logging;

namespace ActorPool.Tests.Unit;

/// <summary>A child's log entry as one line of its standard error, and back.</summary>
public sealed class ChildLogLineTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("two\nlines\r\nand\ttabs and a \\ backslash \\n that is not a break")]
    [InlineData("")]
    public void Format_ThenParse_GivesTheSameEntry_OnOneLine(string text)
    {
        var entry = new ChildLogLine(LogLevel.Error, "Akka.Remote.EndpointWriter", text);

        var line = entry.Format();

        Assert.DoesNotContain('\n', line);
        Assert.True(ChildLogLine.TryParse(line, out var parsed));
        Assert.Equal(entry, parsed);
    }

    [Theory]
    [InlineData("Unhandled exception. System.Exception: boom")]
    [InlineData("\u001eactorpool-log\t99\tcategory\ttext")]
    [InlineData("\u001eactorpool-log\tx\tcategory\ttext")]
    [InlineData("\u001eactorpool-log\t3\tonly two fields")]
    public void TryParse_AnythingElse_IsNotAnEntry(string line) => Assert.False(ChildLogLine.TryParse(line, out _));
}
