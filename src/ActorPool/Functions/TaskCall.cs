namespace ActorPool.Functions;

/// <summary>A task function with its captured state and arguments: what a child needs to run it.</summary>
/// <param name="Method">The method to call.</param>
/// <param name="Target">The delegate's target (a closure's captured state), or null for a static method.</param>
/// <param name="Args">The arguments, without the trailing <see cref="CancellationToken"/>.</param>
internal sealed record TaskCall(MethodRef Method, object? Target, object?[] Args);
