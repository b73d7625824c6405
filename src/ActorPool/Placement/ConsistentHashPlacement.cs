using System.Globalization;
using Akka.Routing;

namespace ActorPool.Placement;

/// <summary>
/// Tasks with the same hash key to the same child, on a hash ring of the children's numbers (Akka's
/// <see cref="ConsistentHash{T}"/>, as its consistent-hashing router uses). A child that leaves takes its keys to the
/// next child on the ring until a child with its number takes its place; a task whose child is full waits for it.
/// Tasks without a key go round-robin.
/// </summary>
internal sealed class ConsistentHashPlacement(int virtualNodesFactor) : ITaskPlacement
{
    private readonly RoundRobinPlacement _unkeyed = new();
    private readonly List<int> _members = [];
    private ConsistentHash<int>? _ring;

    public PlacementChild? Choose(IReadOnlyList<PlacementChild> children, PlacementTask task)
    {
        if (task.HashKey is not { } key)
            return _unkeyed.Choose(children, task);
        if (children.Count == 0)
            return null;
        var ring = RingOf(children);
        var number = key switch
        {
            string text => ring.NodeFor(text),
            byte[] bytes => ring.NodeFor(bytes),
            IFormattable formattable => ring.NodeFor(formattable.ToString(null, CultureInfo.InvariantCulture)),
            // Value equality (records, tuples) keeps equal keys together; the hash is this process's, like the ring.
            _ => ring.NodeFor(BitConverter.GetBytes(key.GetHashCode())),
        };
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i].Number == number)
                return children[i];
        }
        return null;
    }

    private ConsistentHash<int> RingOf(IReadOnlyList<PlacementChild> children)
    {
        // Rebuilt only when the set of children changes, which is rare next to tasks.
        var same = _ring is not null && _members.Count == children.Count;
        for (var i = 0; same && i < children.Count; i++)
            same = _members[i] == children[i].Number;
        if (!same)
        {
            _members.Clear();
            for (var i = 0; i < children.Count; i++)
                _members.Add(children[i].Number);
            _ring = ConsistentHash.Create(_members, virtualNodesFactor);
        }
        return _ring!;
    }
}
