using Akka.Configuration;

namespace ActorPool.Serialization;

/// <summary>Settings of ActorPool's Hyperion serializer, read from <c>actorpool.serialization.hyperion</c>.</summary>
internal sealed record HyperionSettings(
    bool PreserveObjectReferences,
    bool VersionTolerance,
    bool DisallowUnsafeTypes,
    IReadOnlyList<string> DeniedTypePrefixes)
{
    public static HyperionSettings Default { get; } = From(Configuration.ReferenceConfig.Load());

    public static HyperionSettings From(Config config)
    {
        var section = config.GetConfig("actorpool.serialization.hyperion") ?? Config.Empty;
        return new HyperionSettings(
            section.GetBoolean("preserve-object-references", true),
            section.GetBoolean("version-tolerance", false),
            section.GetBoolean("disallow-unsafe-types", true),
            section.GetStringList("denied-type-prefixes", []).ToArray());
    }
}
