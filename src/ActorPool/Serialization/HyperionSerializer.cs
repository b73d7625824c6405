using Akka.Actor;

namespace ActorPool.Serialization;

/// <summary>
/// The Akka serializer bound in ActorPool's reference HOCON: Hyperion, with the settings of
/// <c>actorpool.serialization.hyperion</c>, a surrogate for <see cref="IActorRef"/> and a type filter.
/// </summary>
internal sealed class HyperionSerializer : Akka.Serialization.Serializer
{
    /// <summary>The serializer's identifier, as bound in the reference HOCON.</summary>
    public const int Id = 2417;

    private readonly Lazy<Hyperion.Serializer> _hyperion;

    /// <summary>Creates the serializer for <paramref name="system"/>; Akka calls this from the serializer binding.</summary>
    public HyperionSerializer(ExtendedActorSystem system) : base(system)
    {
        // Made on first use: Akka makes every bound serializer when a system starts, and a child that runs only
        // simple tasks may never need Hyperion at all.
        _hyperion = new Lazy<Hyperion.Serializer>(() => HyperionFactory.Create(HyperionSettings.From(system.Settings.Config), () => system));
    }

    /// <summary>The configured Hyperion instance, shared with the payload codec of the same system.</summary>
    internal Hyperion.Serializer Hyperion => _hyperion.Value;

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override bool IncludeManifest => false;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        using var stream = new MemoryStream();
        _hyperion.Value.Serialize(obj, stream);
        return stream.ToArray();
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, Type? type)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return _hyperion.Value.Deserialize<object>(stream);
    }
}
