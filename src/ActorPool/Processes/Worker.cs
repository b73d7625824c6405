namespace ActorPool;

/// <summary>Starts <see cref="Worker{R}"/>s: child processes that return their target's result.</summary>
/// <remarks>The <c>Start</c> overloads, for 0 to 4 arguments and each shape of target, are written at build time by ActorPool.Generators.</remarks>
public static partial class Worker
{
}
