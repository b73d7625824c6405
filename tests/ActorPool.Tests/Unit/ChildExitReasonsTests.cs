using ActorPool.Diagnostics;

namespace ActorPool.Tests.Unit;

public sealed class ChildExitReasonsTests
{
    [Theory]
    [InlineData("recycled", 0, false, true, "recycled")]        // asked to leave, left cleanly
    [InlineData("hung", 137, true, true, "hung")]               // killed by the pool
    [InlineData("closed", 134, false, true, "crashed")]         // asked to leave, crashed on its way
    [InlineData(null, 137, false, true, "crashed")]             // killed from outside once ready
    [InlineData(null, 137, false, false, "start_failed")]       // killed from outside while starting
    [InlineData("terminated", 137, true, false, "terminated")]  // the pool was terminated while it started
    public void Of_TellsWhatEndedAChild(string? askedFor, int exitCode, bool killedByPool, bool wasReady, string expected) =>
        Assert.Equal(expected, ChildExitReasons.Of(askedFor, exitCode, killedByPool, wasReady));
}
