namespace ActorPool;

/// <summary>
/// Decides which child runs each task of <c>ApplyAsync</c>, <c>Map</c>, <c>StarMap</c> and <c>MapUnordered</c>: the
/// counterpart of aiomultiprocess's <c>Scheduler</c>. <see cref="TaskPlacement"/> makes the built-in ones; set one
/// with <see cref="PoolOptions.Placement"/>, or let the <c>/pool/router</c> deployment choose (round-robin by default).
/// </summary>
/// <remarks>
/// The pool's supervisor calls <see cref="Choose"/> once per task it places, one call at a time, so an implementation
/// may keep state without locks; give each pool its own instance. It must be quick and must not block: every task of
/// the pool waits for it. The pool keeps its guarantees whatever it chooses: a child never holds more tasks than
/// its capacity, <see cref="PoolOptions.MaxTasksPerChild"/> is exact, and a task whose child dies is placed again.
/// </remarks>
public interface ITaskPlacement
{
    /// <summary>Chooses the child that runs <paramref name="task"/>.</summary>
    /// <param name="children">
    /// The children that take tasks now, in the same order from call to call (a child that leaves is removed, a new
    /// one is added at the end); some may have no room (<see cref="PlacementChild.HasRoom"/>). At least one has room.
    /// </param>
    /// <param name="task">The task to place.</param>
    /// <returns>
    /// One of <paramref name="children"/> that has room; or null (or a child without room) to leave the task waiting
    /// until the children's load changes, while tasks queued after it may be placed.
    /// </returns>
    PlacementChild? Choose(IReadOnlyList<PlacementChild> children, PlacementTask task);
}
