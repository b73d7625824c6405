using static ActorPool.Primitives.Core.SharedProtocol;

namespace ActorPool.Primitives.Queue;

/// <summary>Operations on a shared queue. Items travel as serialized bytes; only the calling processes read them.</summary>
internal static class QueueProtocol
{
    /// <summary>Adds an item, waiting while a bounded queue is full; replies null.</summary>
    public sealed record Put(byte[] Item) : ISharedOp;

    /// <summary>Takes the oldest item (reply: its bytes, to acknowledge), waiting while the queue is empty.</summary>
    public sealed record Get : ISharedOp
    {
        public static readonly Get Instance = new();
    }

    /// <summary>Replies the number of items.</summary>
    public sealed record Count : ISharedOp
    {
        public static readonly Count Instance = new();
    }

    /// <summary>Replies the number of waiting gets; for tests that must know a getter waits.</summary>
    public sealed record CountGetters : ISharedOp
    {
        public static readonly CountGetters Instance = new();
    }

    /// <summary>Replies true once the queue holds an item, without taking it.</summary>
    public sealed record WaitReadable : ISharedOp
    {
        public static readonly WaitReadable Instance = new();
    }

    /// <summary>A joinable queue: one item taken earlier is fully processed.</summary>
    public sealed record TaskDone : ISharedOp
    {
        public static readonly TaskDone Instance = new();
    }

    /// <summary>A joinable queue: replies once every item put has been marked done.</summary>
    public sealed record Join : ISharedOp
    {
        public static readonly Join Instance = new();
    }
}
