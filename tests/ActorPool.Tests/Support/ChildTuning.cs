namespace ActorPool.Tests.Support;

/// <param name="TieredPgo">DOTNET_TieredPGO in the child's environment.</param>
/// <param name="Gen0CollectionsFor64MiB">Gen0 collections while the child allocated 64 MiB of garbage.</param>
/// <param name="GenerationOf1MiBArray">The GC generation a new 1 MiB array starts in: 2 when it is a large object.</param>
/// <param name="ServerGc">Whether the child runs server GC.</param>
/// <param name="NativeHeapKiB">The child's resident native (brk) heap, KiB.</param>
/// <param name="MallocArenaMax">MALLOC_ARENA_MAX in the child's environment (glibc reads it at the first allocation).</param>
public sealed record ChildTuning(string? TieredPgo, int Gen0CollectionsFor64MiB, int GenerationOf1MiBArray, bool ServerGc, long NativeHeapKiB, string? MallocArenaMax);
