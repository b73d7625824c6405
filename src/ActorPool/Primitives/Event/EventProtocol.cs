using static ActorPool.Primitives.Core.SharedProtocol;

namespace ActorPool.Primitives.Event;

/// <summary>Operations on a shared event.</summary>
internal static class EventProtocol
{
    public sealed record Set : ISharedOp
    {
        public static readonly Set Instance = new();
    }

    public sealed record Clear : ISharedOp
    {
        public static readonly Clear Instance = new();
    }

    /// <summary>Replies whether the event is set.</summary>
    public sealed record IsSet : ISharedOp
    {
        public static readonly IsSet Instance = new();
    }

    /// <summary>Replies once the event is set.</summary>
    public sealed record Wait : ISharedOp
    {
        public static readonly Wait Instance = new();
    }
}
