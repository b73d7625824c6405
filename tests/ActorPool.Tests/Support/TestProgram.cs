namespace ActorPool.Tests.Support;

/// <summary>
/// The test assembly's entry point (the test runner never calls it): <c>dotnet ActorPool.Tests.dll actorpool-worker ...</c>
/// runs a worker host of the multi-host tests from the very build that drives them, as a user's application would
/// run its own worker mode.
/// </summary>
public static class TestProgram
{
    public static async Task<int> Main(string[] args) =>
        ActorPoolWorker.IsWorkerCommand(args) ? await ActorPoolWorker.RunAsync(args) : 2;
}
