namespace ActorPool.Supervision;

/// <summary>
/// How many children the pool runs: never fewer than <see cref="Min"/>, more (up to <see cref="Max"/>) while tasks
/// wait that the children already there or starting cannot take, and <see cref="Spares"/> more, ready ahead of need.
/// A fixed-size pool has <see cref="Min"/> = <see cref="Max"/>. At most <see cref="StartsAtOnce"/> of them start at once.
/// </summary>
/// <param name="Min">MinProcesses.</param>
/// <param name="Max">Processes.</param>
/// <param name="Spares">SpareProcesses.</param>
/// <param name="InFlightPerChild">Tracked tasks one child holds at once.</param>
/// <param name="IdleTimeout">How long a child above <see cref="Min"/> may stay without a task before it is ended.</param>
internal sealed record FleetSizing(int Min, int Max, int Spares, int InFlightPerChild, TimeSpan IdleTimeout)
{
    /// <summary>
    /// How many children may be starting at once (<c>actorpool.child-starts-at-once</c>). A start is about half a second
    /// of CPU: more starts than cores only stretch each one, and starve the children already running.
    /// </summary>
    public int StartsAtOnce { get; init; } = int.MaxValue;

    /// <summary>Whether another child may start while <paramref name="starting"/> children (spares included) are starting.</summary>
    public bool MayStart(int starting) => starting < StartsAtOnce;

    /// <summary>True when the pool grows and shrinks between <see cref="Min"/> and <see cref="Max"/>.</summary>
    public bool Elastic => Min < Max;

    /// <summary>How many more children (not spares) the pool needs now.</summary>
    /// <param name="active">Children that take tasks or will once started (not spares, not retiring).</param>
    /// <param name="starting">Of those, the ones not ready yet.</param>
    /// <param name="queued">Tasks waiting for room in a child.</param>
    public int Needed(int active, int starting, int queued)
    {
        var wanted = Math.Max(Min, active);
        // Tasks still wait only when every ready child is full; the ones starting will take their share.
        var uncovered = queued - (long)starting * InFlightPerChild;
        if (uncovered > 0)
            wanted = (int)Math.Min(Max, active + (uncovered + InFlightPerChild - 1) / InFlightPerChild);
        return Math.Max(0, Math.Min(wanted, Max) - active);
    }

    /// <summary>Whether to start a spare now: one at a time, and only while no other child starts, so spares use idle time.</summary>
    public bool StartSpare(int spares, int starting) => spares < Spares && starting == 0;

    /// <summary>Whether an idle child may be ended: the pool is above its minimum and the child has waited long enough.</summary>
    public bool MayShrink(int active, DateTime idleSince, DateTime now) => Elastic && active > Min && now - idleSince >= IdleTimeout;
}
