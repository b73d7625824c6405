using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Remote;
using ActorPool.Configuration;
using ActorPool.Security;

namespace ActorPool.Primitives.Core;

/// <summary>
/// This process's side of shared primitives: the ActorSystem that hosts the objects made here and the client
/// actor through which this process calls objects anywhere in its family. In a pool child that runs with TLS,
/// that is the child's own ActorSystem; anywhere else an ActorSystem started on first use, with the family's
/// certificate, so that only processes of the family can reach it.
/// </summary>
internal sealed class SharedHost
{
    private static readonly object s_lock = new();
    private static SharedHost? s_instance;

    private readonly ConcurrentDictionary<string, IActorRef> _resolved = new();
    private readonly ConcurrentDictionary<string, IActorRef> _agents = new();
    private readonly ConcurrentDictionary<IActorRef, bool> _hosted = new();
    private long _nextId;

    private SharedHost(ExtendedActorSystem system)
    {
        System = system;
        Client = system.SystemActorOf(SharedClientActor.Props(), SharedClientActor.Name);
    }

    public static SharedHost Instance
    {
        get
        {
            lock (s_lock)
                return s_instance ??= new SharedHost(StartSystem());
        }
    }

    public ExtendedActorSystem System { get; }

    /// <summary>The payload codec of <see cref="System"/>.</summary>
    public Serialization.PayloadCodec Codec => Serialization.PayloadCodec.For(System);

    /// <summary>The client actor of this process.</summary>
    public IActorRef Client { get; }

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

    /// <summary>
    /// A child process of this one exited: its actors are gone. Tells the shared objects hosted here at once,
    /// instead of after Akka.Remote's failure detector gives up on the address.
    /// </summary>
    public static void ProcessExited(Address address, int uid)
    {
        SharedHost? host;
        lock (s_lock)
            host = s_instance;
        if (host is null || host.System.Provider is not RemoteActorRefProvider remote || address.Equals(remote.DefaultAddress))
            return;
        remote.Quarantine(address, uid);
        var gone = new SharedProtocol.ProcessGone(address);
        host.Client.Tell(gone);
        foreach (var actor in host._hosted.Keys.Concat(host._agents.Values))
            actor.Tell(gone);
    }

    /// <summary>
    /// Called with the address and uid of a host system this process starts for itself; a ChildProcess child
    /// tells its parent, which cannot otherwise know where its shared objects and client live.
    /// </summary>
    public static Action<Address, int>? SystemStarted { get; set; }

    private static ExtendedActorSystem StartSystem()
    {
        if (Child.ChildEntryPoint.System is { } child && child.Settings.Config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"))
            return child;
        var system = RemoteSetup.Start("actorpool-shared", PoolConfig.Merge(null), FamilyCertificate.Credential);
        SystemStarted?.Invoke(system.Provider.DefaultAddress, Akka.Remote.AddressUidExtension.Uid(system));
        return system;
    }
}
