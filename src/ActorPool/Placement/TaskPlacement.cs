using Akka.Routing;
using ActorPool.Placement;

namespace ActorPool;

/// <summary>
/// The built-in <see cref="ITaskPlacement"/>s, one per Akka router that sends each message to one routee. Without
/// <see cref="PoolOptions.Placement"/>, a pool places its tasks the way its <c>/pool/router</c> deployment routes.
/// </summary>
public static class TaskPlacement
{
    private const int DefaultVirtualNodesFactor = 10;

    /// <summary>Each task to the next child with room, in turn (router <c>round-robin-pool</c>; the default).</summary>
    public static ITaskPlacement RoundRobin() => new RoundRobinPlacement();

    /// <summary>Each task to a child with room chosen at random (router <c>random-pool</c>).</summary>
    /// <param name="seed">Seed of the random choices, for a repeatable order; null for a random one.</param>
    public static ITaskPlacement Random(int? seed = null) =>
        new RandomPlacement(seed is { } value ? new System.Random(value) : new System.Random());

    /// <summary>
    /// Each task to the child with the fewest tasks in flight, ties in turn (router <c>smallest-mailbox-pool</c>): for
    /// tasks whose durations vary, so that a child busy with a long task is not given more while others are idle.
    /// </summary>
    public static ITaskPlacement LeastLoaded() => new LeastLoadedPlacement();

    /// <summary>
    /// Tasks with the same <see cref="PlacementTask.HashKey"/> to the same child, for example so that a cache the
    /// child keeps per key is reused (router <c>consistent-hashing-pool</c>). The key is that of the first argument
    /// that implements <see cref="IConsistentHashable"/>; tasks without one go round-robin.
    /// </summary>
    /// <remarks>
    /// A task whose child is at its capacity waits for that child, while other tasks go on. When a child leaves (it
    /// died, was recycled, or retires), its keys go to the next child on the ring until a new child takes its
    /// <see cref="PlacementChild.Number"/>; a task re-run after its child died moves the same way. A key of a type
    /// other than string, byte[] or a formattable value (numbers, Guid, dates) is hashed by its
    /// <see cref="object.GetHashCode"/>: give it value equality (a record, a tuple).
    /// </remarks>
    /// <param name="virtualNodesFactor">Points per child on the hash ring (Akka's <c>virtual-nodes-factor</c>); more spreads keys more evenly.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="virtualNodesFactor"/> is below 1.</exception>
    public static ITaskPlacement ConsistentHashing(int virtualNodesFactor = DefaultVirtualNodesFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(virtualNodesFactor, 1);
        return new ConsistentHashPlacement(virtualNodesFactor);
    }

    /// <summary>The placement that does what <paramref name="router"/> does with one message; null for a router that sends one message to several routees.</summary>
    internal static ITaskPlacement? ForRouter(RouterConfig router) => router switch
    {
        RoundRobinPool or RoundRobinGroup => RoundRobin(),
        RandomPool or RandomGroup => Random(),
        SmallestMailboxPool => LeastLoaded(),
        ConsistentHashingPool pool => ConsistentHashing(VirtualNodes(pool.VirtualNodesFactor)),
        ConsistentHashingGroup group => ConsistentHashing(VirtualNodes(group.VirtualNodesFactor)),
        _ => null,
    };

    /// <summary>Why a pool whose router is <paramref name="router"/> and that has no <see cref="PoolOptions.Placement"/> takes no ApplyAsync or Map.</summary>
    internal static string Refusal(RouterConfig router) =>
        $"The pool's router ({router.GetType().Name}, deployment /pool/router) sends a message to several children, so it cannot " +
        "place a single task: ApplyAsync, Map, StarMap and MapUnordered are refused, while Router.Ask works as that router does. " +
        "Configure a router that sends each message to one child (round-robin-pool, random-pool, smallest-mailbox-pool, " +
        "consistent-hashing-pool) or set PoolOptions.Placement.";

    private static int VirtualNodes(int configured) => configured > 0 ? configured : DefaultVirtualNodesFactor;
}
