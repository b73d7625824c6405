using Akka.Actor;
using ActorPool.Launch;

namespace ActorPool.Supervision;

/// <summary>The supervisor's record of one child process.</summary>
internal sealed class ChildSlot(ChildHandle handle)
{
    public ChildHandle Handle { get; } = handle;

    public int Id => Handle.ChildId;

    public ChildState State { get; set; } = ChildState.Launching;

    /// <summary>Where the child's ActorSystem listens, once it does.</summary>
    public Address? Address { get; set; }

    /// <summary>The remoting uid of the child's ActorSystem, once it listens.</summary>
    public int Uid { get; set; }

    /// <summary>Task runners deployed into the child.</summary>
    public List<IActorRef> Runners { get; } = [];

    /// <summary>Runners that have reported ready, and so are routees of the router.</summary>
    public HashSet<IActorRef> Routees { get; } = [];

    /// <summary>Tracked tasks running in the child.</summary>
    public HashSet<long> Running { get; } = [];

    /// <summary>Tracked tasks ever sent to the child, for MaxTasksPerChild.</summary>
    public int Assigned { get; set; }

    private int _nextRunner;

    public IActorRef NextRunner() => Runners[_nextRunner++ % Runners.Count];
}

/// <summary>Where a child is in its life.</summary>
internal enum ChildState
{
    /// <summary>Process started; its ActorSystem is not listening yet.</summary>
    Launching,

    /// <summary>Runners deployed; waiting for them to initialize.</summary>
    Deploying,

    /// <summary>Takes tasks.</summary>
    Ready,

    /// <summary>Has taken its last task (MaxTasksPerChild); finishing the ones it has.</summary>
    Retiring,

    /// <summary>Asked to exit, or being killed.</summary>
    Exiting,
}
