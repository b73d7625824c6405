using MemoryPack;

namespace ActorPool.Tests.Support;

/// <summary>A user's own [MemoryPackable] type: it travels with MemoryPack, by its generated formatter.</summary>
[MemoryPackable]
public sealed partial record PackedPoint(int X, int Y, string Name);
