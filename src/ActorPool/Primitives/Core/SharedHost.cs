using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Remote;
using ActorPool.Configuration;
using ActorPool.Security;

namespace ActorPool.Primitives.Core;

/// <summary>
/// This process's side of shared primitives: the ActorSystem that hosts the objects made here and the client
/// actor through which this process calls objects anywhere in its family. One per process, kept by
/// <see cref="Hosting.ProcessFamily"/>.
/// </summary>
internal sealed class SharedHost
{
    private readonly ConcurrentDictionary<string, IActorRef> _resolved = new();
    private readonly ConcurrentDictionary<string, IActorRef> _agents = new();
    private readonly ConcurrentDictionary<IActorRef, bool> _hosted = new();
    private long _nextId;

    /// <summary>The host of the objects made in this process, in <paramref name="system"/>.</summary>
    public SharedHost(ExtendedActorSystem system)
    {
        System = system;
        Client = system.SystemActorOf(SharedClientActor.Props(), SharedClientActor.Name);
    }

    /// <summary>The shared host of this process (<see cref="Hosting.ProcessFamily.SharedHost"/>), started on first use.</summary>
    public static SharedHost Instance => Hosting.ProcessFamily.SharedHost;

    public ExtendedActorSystem System { get; }

    /// <summary>The payload codec of <see cref="System"/>.</summary>
    public Serialization.PayloadCodec Codec => Serialization.PayloadCodec.For(System);

    /// <summary>The client actor of this process.</summary>
    public IActorRef Client { get; }

    /// <summary>A host in an ActorSystem of its own, with the family's certificate, so that only processes of the family can reach it.</summary>
    public static SharedHost StartOwnSystem(byte[] credential) =>
        new(RemoteSetup.Start("actorpool-shared", PoolConfig.Merge(null), credential));

    /// <summary>Creates the actor of a new shared object and returns its full path, which any family process can resolve.</summary>
    public string Host(Akka.Actor.Props props, string kind)
    {
        var name = $"shared-{kind}-{Interlocked.Increment(ref _nextId)}-{Guid.NewGuid():N}";
        var actor = System.SystemActorOf(props, name);
        _hosted[actor] = true;
        return actor.Path.ToSerializationFormatWithAddress(System.Provider.DefaultAddress);
    }

    public IActorRef Resolve(string path) => _resolved.GetOrAdd(path, p => System.Provider.ResolveActorRef(p));

    /// <summary>This process's agent for the lock at <paramref name="path"/>, made on first use.</summary>
    public IActorRef AgentFor(string path, Func<IActorRef, Akka.Actor.Props> props) =>
        _agents.GetOrAdd(path, p => System.SystemActorOf(props(Resolve(p)), $"shared-agent-{Interlocked.Increment(ref _nextId)}"));

    /// <summary>A process of the family at <paramref name="address"/> is gone: its client, agents and objects with it.</summary>
    public void MemberExited(Address address, int uid)
    {
        if (System.Provider is not RemoteActorRefProvider remote || address.Equals(remote.DefaultAddress))
            return;
        remote.Quarantine(address, uid);
        var gone = new SharedProtocol.ProcessGone(address);
        Client.Tell(gone);
        foreach (var actor in _hosted.Keys.Concat(_agents.Values))
            actor.Tell(gone);
    }
}
