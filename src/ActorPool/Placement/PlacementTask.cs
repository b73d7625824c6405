namespace ActorPool;

/// <summary>A task as an <see cref="ITaskPlacement"/> sees it.</summary>
/// <param name="Id">The pool's id of the task (negative for a <see cref="ProcessPool.Router"/> call placed again).</param>
/// <param name="HashKey">
/// The task's key for consistent hashing: the <see cref="Akka.Routing.IConsistentHashable.ConsistentHashKey"/> of
/// the first argument that implements <see cref="Akka.Routing.IConsistentHashable"/>; null when none does.
/// </param>
/// <param name="Attempt">1 the first time the task is placed; more when it runs again because its child died.</param>
/// <param name="PreviousChild">The <see cref="PlacementChild.Number"/> of the child it was last placed on; null the first time.</param>
public readonly record struct PlacementTask(long Id, object? HashKey, int Attempt, int? PreviousChild);
