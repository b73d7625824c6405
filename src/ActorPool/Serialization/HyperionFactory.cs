using Akka.Actor;
using Hyperion;

namespace ActorPool.Serialization;

/// <summary>Builds a configured Hyperion serializer.</summary>
internal static class HyperionFactory
{
    public static Serializer Create(HyperionSettings settings, Func<ExtendedActorSystem?> system) =>
        new(new SerializerOptions(
            versionTolerance: settings.VersionTolerance,
            preserveObjectReferences: settings.PreserveObjectReferences,
            surrogates: Surrogates.For(settings, system),
            serializerFactories: null,
            knownTypes: null,
            ignoreISerializable: true,
            packageNameOverrides: null,
            disallowUnsafeTypes: settings.DisallowUnsafeTypes,
            typeFilter: new PrefixTypeFilter(settings.DeniedTypePrefixes)));
}
