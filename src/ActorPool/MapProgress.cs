namespace ActorPool;

/// <summary>How far a <c>Map</c> or <c>StarMap</c> has got: see <see cref="PoolResult{R}.WithProgress"/>.</summary>
/// <param name="Completed">Tasks that ended with a result.</param>
/// <param name="Failed">Tasks that ended with an exception (an ordered map stops at its first).</param>
/// <param name="InFlight">Tasks started and not yet ended.</param>
/// <param name="TasksPerSecond">Tasks ended per second since the map started.</param>
/// <param name="Elapsed">Time since the map started.</param>
/// <param name="IsFinal">True for the last report, made when the map has ended however it ended.</param>
public sealed record MapProgress(long Completed, long Failed, int InFlight, double TasksPerSecond, TimeSpan Elapsed, bool IsFinal);
