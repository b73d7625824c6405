namespace ActorPool.Tests.Support;

/// <summary>
/// Tests that build the repository's projects in Release (pack, publish): one at a time, since they share its
/// intermediate folders. Other collections run beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReleaseBuilds
{
    public const string Name = "Release builds";
}
