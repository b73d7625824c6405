using System.Runtime.Serialization;
using Akka.Actor;

namespace ActorPool.Serialization;

/// <summary>
/// Takes the place of Akka's Newtonsoft JSON serializer (identifier 1), whose type-name handling would
/// create any type a peer names. ActorPool binds nothing to it, and a message that claims it is refused.
/// </summary>
internal sealed class RefusingSerializer : Akka.Serialization.Serializer
{
    public RefusingSerializer(ExtendedActorSystem system) : base(system)
    {
    }

    /// <summary>Akka calls this one when <c>akka.actor.serialization-settings.json</c> exists, as it does by default.</summary>
    public RefusingSerializer(ExtendedActorSystem system, Akka.Configuration.Config settings) : base(system)
    {
        _ = settings;
    }

    public override int Identifier => 1;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) =>
        throw new NotSupportedException($"ActorPool does not serialize with JSON; bind {obj.GetType().FullName} to a serializer (actorpool-hyperion).");

    public override object FromBinary(byte[] bytes, Type type) =>
        throw new SerializationException("ActorPool refuses JSON-serialized messages (serializer identifier 1).");
}
