using static ActorPool.Primitives.Core.SharedProtocol;

namespace ActorPool.Primitives.Semaphore;

/// <summary>Operations on a shared semaphore.</summary>
internal static class SemaphoreProtocol
{
    /// <summary>Takes one permit, waiting while there is none; replies whether it came from a process that died.</summary>
    public sealed record Acquire : ISharedOp
    {
        public static readonly Acquire Instance = new();
    }

    /// <summary>Gives back <paramref name="Count"/> permits; replies the count before.</summary>
    public sealed record Release(int Count) : ISharedOp;

    /// <summary>Replies the number of free permits.</summary>
    public sealed record CurrentCount : ISharedOp
    {
        public static readonly CurrentCount Instance = new();
    }
}
