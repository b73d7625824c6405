using Akka.Actor;
using Akka.Routing;
using Akka.Util;

namespace ActorPool.Routing;

/// <summary>
/// The router behind <see cref="ProcessPool.Router"/>: a group whose routees (task runners in the children)
/// the pool's supervisor adds and removes as children come and go, with the routing logic of whatever
/// router the deployment configures (round-robin unless HOCON says otherwise).
/// </summary>
internal sealed class ChildRoutees : Group
{
    private readonly RouterConfig _configured;

    public ChildRoutees(RouterConfig configured) : base([], Akka.Dispatch.Dispatchers.DefaultDispatcherId)
    {
        _configured = configured;
    }

    /// <summary>Runners deployed into each child: the deployment's nr-of-instances for a pool router, else 1.</summary>
    public static int RunnersPerChild(RouterConfig configured, ActorSystem system) =>
        configured is Pool pool ? Math.Max(1, pool.GetNrOfInstances(system)) : 1;

    /// <summary>The router configured for <c>/pool/router</c> in <c>akka.actor.deployment</c>, round-robin if none.</summary>
    public static RouterConfig Configured(ExtendedActorSystem system) =>
        system.Provider.Deployer.Lookup(new RootActorPath(system.Provider.DefaultAddress) / "user" / "pool" / "router")?.RouterConfig is { } config and not NoRouter
            ? config
            : new RoundRobinPool(1);

    public override Router CreateRouter(ActorSystem system) => _configured.CreateRouter(system);

    public override IEnumerable<string> GetPaths(ActorSystem system) => [];

    public override ISurrogate ToSurrogate(ActorSystem system) =>
        throw new NotSupportedException("The ActorPool router lives in the parent process and is never deployed remotely.");
}
