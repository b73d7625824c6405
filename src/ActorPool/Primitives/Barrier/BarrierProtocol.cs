using static ActorPool.Primitives.Core.SharedProtocol;

namespace ActorPool.Primitives.Barrier;

/// <summary>Operations on a shared barrier.</summary>
internal static class BarrierProtocol
{
    /// <summary>Arrives and waits for the other parties; replies the arrival index (0 for the first).</summary>
    public sealed record SignalAndWait : ISharedOp
    {
        public static readonly SignalAndWait Instance = new();
    }

    /// <summary>Breaks the barrier: every waiter fails, and so do later arrivals until a reset.</summary>
    public sealed record Abort : ISharedOp
    {
        public static readonly Abort Instance = new();
    }

    /// <summary>Back to empty and unbroken; current waiters fail.</summary>
    public sealed record Reset : ISharedOp
    {
        public static readonly Reset Instance = new();
    }

    /// <summary>Replies how many parties wait in the current round.</summary>
    public sealed record CountWaiting : ISharedOp
    {
        public static readonly CountWaiting Instance = new();
    }

    /// <summary>Replies whether the barrier is broken.</summary>
    public sealed record IsBroken : ISharedOp
    {
        public static readonly IsBroken Instance = new();
    }
}
