using Akka.Actor;
using ActorPool.Execution;
using ActorPool.Launch;

namespace ActorPool.Supervision;

/// <summary>The supervisor's record of one child process.</summary>
internal sealed class ChildSlot(IChildHandle handle, bool spare)
{
    private readonly HashSet<IActorRef> _refused = [];
    private int _nextRunner;

    public IChildHandle Handle { get; } = handle;

    public int Id => Handle.ChildId;

    public ChildState State { get; set; } = ChildState.Launching;

    /// <summary>
    /// A worker host of the pool's cluster rather than a local child: its one runner is the host's link, and it neither
    /// counts towards the pool's Processes nor follows its per-child policies (recycling, lifetime, idle, liveness),
    /// which the host's own pool applies to its children.
    /// </summary>
    public bool IsHost { get; init; }

    /// <summary>A worker host's name, for the log; null for a local child.</summary>
    public string? HostName { get; init; }

    /// <summary>How many tasks it holds at once, when it differs from the pool's per-child figure (a worker host's).</summary>
    public int? Capacity { get; init; }

    /// <summary>A spare takes no tasks until a child that does leaves and it takes that child's place.</summary>
    public bool Spare { get; set; } = spare;

    /// <summary>Why a retiring child goes, for the log.</summary>
    public RetireReason? RetireReason { get; set; }

    /// <summary>
    /// The lowest number no other live child had when this one started: a small, bounded label for metrics that a
    /// new child takes over from one that left (a pid would be a new series every time a child is replaced).
    /// </summary>
    public int Number { get; set; }

    /// <summary>Whether the pool killed it (rather than asked it to exit), so that its exit code says nothing.</summary>
    public bool KilledByPool { get; set; }

    /// <summary>Why the supervisor ends it (a <see cref="Diagnostics.ChildExitReasons"/> value), once it does.</summary>
    public string? ExitReason { get; set; }

    /// <summary>Where the child's ActorSystem listens, once it does.</summary>
    public Address? Address { get; set; }

    /// <summary>The remoting uid of the child's ActorSystem, once it listens.</summary>
    public int Uid { get; set; }

    /// <summary>Task runners deployed into the child.</summary>
    public List<IActorRef> Runners { get; } = [];

    /// <summary>Runners that have reported ready, and so are routees of the router.</summary>
    public HashSet<IActorRef> Routees { get; } = [];

    /// <summary>The child's <see cref="Child.LivenessActor"/>, once its ActorSystem listens.</summary>
    public IActorRef? Liveness { get; set; }

    /// <summary>When the supervisor started it (or adopted it, if launched before the supervisor), on the scheduler's monotonic clock.</summary>
    public TimeSpan StartedAt { get; init; }

    /// <summary>
    /// Whether the child has answered a liveness probe or become ready. Until then it is judged by how long it has been
    /// starting, not by its silence: the parent's probes reach it only once its association and runners are set up,
    /// which takes longer than a liveness timeout on a machine busy with other starts.
    /// </summary>
    public bool EverHeard { get; private set; }

    /// <summary>When the child last answered a liveness probe (or became ready), on the scheduler's monotonic clock.</summary>
    public TimeSpan LastHeard { get; private set; }

    /// <summary>How long the parent itself stalled since <see cref="LastHeard"/>: not the child's silence.</summary>
    public TimeSpan ParentStalls { get; set; }

    /// <summary>The child answered (or became ready) at <paramref name="now"/>: its silence, and the parent's stalls within it, start again.</summary>
    public void Heard(TimeSpan now)
    {
        EverHeard = true;
        LastHeard = now;
        ParentStalls = TimeSpan.Zero;
    }

    /// <summary>The child has missed probes: it takes no new task until it answers again.</summary>
    public bool Unresponsive { get; set; }

    /// <summary>What the pool's placement sees of the child, once it has been asked about it.</summary>
    public PlacementChild? Placement { get; set; }

    /// <summary>Tracked tasks running in the child.</summary>
    public HashSet<long> Running { get; } = [];

    /// <summary>Tracked tasks ever sent to the child, for MaxTasksPerChild.</summary>
    public int Assigned { get; set; }

    /// <summary>When the child last ran out of tracked tasks (or became ready), for an elastic pool's shrinking.</summary>
    public DateTime IdleSince { get; set; } = DateTime.UtcNow;

    /// <summary>True while the child takes tasks (ready, not spare, not retiring).</summary>
    public bool TakesTasks => State == ChildState.Ready && !Spare;

    /// <summary>True from launch until the child is ready.</summary>
    public bool Starting => State is ChildState.Launching or ChildState.Deploying;

    /// <summary>True while a runner may take tasks: one that was found stopped (<see cref="Refused"/>) takes none.</summary>
    public bool HasLiveRunner => _refused.Count == 0 || Runners.Exists(runner => !_refused.Contains(runner));

    /// <summary>The runner turned tasks away because it had been stopped; its Terminated is on the way. None is placed on it again.</summary>
    public void Refused(IActorRef runner) => _refused.Add(runner);

    public IActorRef NextRunner()
    {
        for (var i = 0; i < Runners.Count; i++)
        {
            var runner = Runners[_nextRunner++ % Runners.Count];
            if (!_refused.Contains(runner))
                return runner;
        }
        return Runners[_nextRunner++ % Runners.Count];
    }
}

/// <summary>Where a child is in its life.</summary>
internal enum ChildState
{
    /// <summary>Process started; its ActorSystem is not listening yet.</summary>
    Launching,

    /// <summary>Runners deployed; waiting for them to initialize.</summary>
    Deploying,

    /// <summary>Takes tasks (or waits as a spare).</summary>
    Ready,

    /// <summary>Takes no new task (recycled, over its memory limit, too old, or idle); finishing the ones it has.</summary>
    Retiring,

    /// <summary>Asked to exit, or being killed.</summary>
    Exiting,
}
