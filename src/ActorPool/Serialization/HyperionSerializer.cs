using Akka.Actor;

namespace ActorPool.Serialization;

/// <summary>
/// The Akka serializer bound in ActorPool's reference HOCON: Hyperion, with the settings of
/// <c>actorpool.serialization.hyperion</c>, a surrogate for <see cref="IActorRef"/> and a type filter.
/// </summary>
internal sealed class HyperionSerializer : Akka.Serialization.Serializer
{
    private readonly Hyperion.Serializer _hyperion;

    /// <summary>Creates the serializer for <paramref name="system"/>; Akka calls this from the serializer binding.</summary>
    public HyperionSerializer(ExtendedActorSystem system) : base(system)
    {
        _hyperion = HyperionFactory.Create(HyperionSettings.From(system.Settings.Config), () => system);
    }

    /// <inheritdoc />
    public override int Identifier => 2417;

    /// <inheritdoc />
    public override bool IncludeManifest => false;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        using var stream = new MemoryStream();
        _hyperion.Serialize(obj, stream);
        return stream.ToArray();
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, Type? type)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return _hyperion.Deserialize<object>(stream);
    }
}
