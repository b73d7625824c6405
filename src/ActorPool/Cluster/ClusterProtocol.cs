using Akka.Actor;
using ActorPool.Execution;

namespace ActorPool.Cluster;

/// <summary>
/// Messages between a driver and the worker hosts of its cluster. Tasks themselves travel in the pool's own
/// <see cref="ExecutionProtocol"/> messages (a host's gateway answers like a child's task runner).
/// </summary>
internal static class ClusterProtocol
{
    /// <summary>A driver's link asks a worker host's gateway to take its tasks; answered with <see cref="HostWelcome"/>.</summary>
    /// <param name="Assemblies">The driver's loaded assemblies, by name, with their module version ids.</param>
    public sealed record HostHello(IReadOnlyDictionary<string, Guid> Assemblies) : IPoolMessage;

    /// <summary>The gateway takes the driver's tasks: up to <paramref name="Capacity"/> at once.</summary>
    /// <param name="Capacity">The host's processes x their in-flight tasks each.</param>
    /// <param name="Pid">The worker host's process id.</param>
    /// <param name="Host">The host's name.</param>
    public sealed record HostWelcome(int Capacity, int Pid, string Host) : IPoolMessage;

    /// <summary>The gateway refuses the driver: they were built from different assemblies (<paramref name="Reason"/> names one).</summary>
    public sealed record HostRefused(string Reason) : IPoolMessage;

    /// <summary>The driver's supervisor tells a link the id of the slot it holds for the host.</summary>
    public sealed record HostAdmitted(int ChildId);

    /// <summary>A link tells its driver's supervisor that a worker host takes tasks (the figures are its <see cref="HostWelcome"/>'s).</summary>
    /// <param name="Link">The link, which the supervisor uses as the host's one runner.</param>
    /// <param name="Capacity">The host's processes x their in-flight tasks each.</param>
    /// <param name="Pid">The worker host's process id.</param>
    /// <param name="Host">The host's name.</param>
    public sealed record HostJoined(IActorRef Link, int Capacity, int Pid, string Host);

    /// <summary>The worker host is stopping: its gateway takes no new task and finishes those it has.</summary>
    public sealed record DrainHost
    {
        public static readonly DrainHost Instance = new();
    }
}
