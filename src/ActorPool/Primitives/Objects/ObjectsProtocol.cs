using ActorPool.Execution;
using static ActorPool.Primitives.Core.SharedProtocol;

namespace ActorPool.Primitives.Objects;

/// <summary>Operations on shared dictionaries, lists and values. Keys and values travel as serialized bytes.</summary>
internal static class ObjectsProtocol
{
    /// <summary>Dictionary: sets (or, with <paramref name="OnlyIfAbsent"/>, adds); replies whether it was added.</summary>
    public sealed record DictionarySet(byte[] Key, byte[] Value, bool OnlyIfAbsent) : ISharedOp;

    /// <summary>Dictionary: replies the value's bytes, or null when the key is absent.</summary>
    public sealed record DictionaryGet(byte[] Key) : ISharedOp;

    /// <summary>Dictionary: replies whether the key was there.</summary>
    public sealed record DictionaryRemove(byte[] Key) : ISharedOp;

    /// <summary>List: appends; replies the new item's index.</summary>
    public sealed record ListAdd(byte[] Item) : ISharedOp;

    /// <summary>List: replies the item's bytes.</summary>
    public sealed record ListGet(int Index) : ISharedOp;

    /// <summary>List: replaces the item at an index.</summary>
    public sealed record ListSet(int Index, byte[] Item) : ISharedOp;

    /// <summary>List: removes the item at an index.</summary>
    public sealed record ListRemoveAt(int Index) : ISharedOp;

    /// <summary>Dictionary or list: replies the number of entries.</summary>
    public sealed record CountEntries : ISharedOp
    {
        public static readonly CountEntries Instance = new();
    }

    /// <summary>Dictionary or list: replies every entry (a dictionary's as key, value, key, value, ...).</summary>
    public sealed record Snapshot : ISharedOp
    {
        public static readonly Snapshot Instance = new();
    }

    /// <summary>Value: replies a <see cref="Versioned"/>.</summary>
    public sealed record ValueGet : ISharedOp
    {
        public static readonly ValueGet Instance = new();
    }

    /// <summary>Value: sets, or with an <paramref name="ExpectedVersion"/> sets only if still at it; replies a <see cref="ValueSetResult"/>.</summary>
    public sealed record ValueSet(byte[] Value, long? ExpectedVersion) : ISharedOp;

    /// <summary>Whether a <see cref="ValueSet"/> was applied, and what is there after it.</summary>
    public sealed record ValueSetResult(bool Applied, Versioned Current) : IPoolMessage;

    /// <summary>A value and its version, which every set raises.</summary>
    public sealed record Versioned(long Version, byte[] Value) : IPoolMessage;
}
