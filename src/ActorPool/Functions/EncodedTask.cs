namespace ActorPool.Functions;

/// <summary>A task of the pool's API, ready to submit.</summary>
/// <param name="Call">The encoded <see cref="TaskCall"/>.</param>
/// <param name="HashKey">Its consistent-hashing key (<see cref="PlacementTask.HashKey"/>), or null.</param>
internal readonly record struct EncodedTask(byte[] Call, object? HashKey);
