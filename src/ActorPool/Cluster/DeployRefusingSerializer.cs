using System.Runtime.Serialization;
using Akka.Actor;

namespace ActorPool.Cluster;

/// <summary>
/// Takes the place of Akka.Remote's serializer of remote deployments (identifier 3) in a cluster node: a host of the
/// cluster neither deploys actors into another nor lets another deploy into it, whatever a peer sends.
/// </summary>
internal sealed class DeployRefusingSerializer(ExtendedActorSystem system) : Akka.Serialization.Serializer(system)
{
    public override int Identifier => 3;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) =>
        throw new NotSupportedException("ActorPool's cluster deploys no actor across hosts; a host runs tasks only through its gateway.");

    public override object FromBinary(byte[] bytes, Type? type) =>
        throw new SerializationException("ActorPool's cluster refuses remote deployment from another host.");
}
