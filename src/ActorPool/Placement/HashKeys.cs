using Akka.Routing;

namespace ActorPool.Placement;

/// <summary>The consistent-hashing key of a task's arguments.</summary>
internal static class HashKeys
{
    /// <summary>The key of the first argument that implements <see cref="IConsistentHashable"/>, or null.</summary>
    public static object? Of(object?[] args)
    {
        foreach (var arg in args)
        {
            if (arg is IConsistentHashable hashable)
                return hashable.ConsistentHashKey;
        }
        return null;
    }
}
