namespace ActorPool.Tests.Support;

/// <summary>
/// Tests that may not share the test process with other pools: they count what the whole process holds (descriptors,
/// threads, the managed heap), take what it prints, or bound a latency that a neighbour's child starts would
/// stretch. xunit runs this collection alone, after the collections that run two at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWide
{
    public const string Name = "Process-wide";
}
