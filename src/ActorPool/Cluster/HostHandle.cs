using Akka.Actor;
using Akka.Event;
using ActorPool.Launch;

namespace ActorPool.Cluster;

/// <summary>
/// The supervisor's handle on a worker host, in the shape of a child process's: the host "exits" for this pool when its
/// link stops, whether the pool let it go or lost it. The host itself lives on for other drivers.
/// </summary>
internal sealed class HostHandle(int childId, int pid, IActorRef link) : IChildHandle
{
    /// <summary>The exit code the supervisor sees for a host it lost or let go at once (as for a killed child).</summary>
    public const int LostExitCode = 128 + 9;

    private IActorRef? _owner;

    public int ChildId => childId;

    /// <summary>The worker host's process id, on its own machine.</summary>
    public int Pid => pid;

    public bool HasExited { get; private set; }

    public string RecentErrorOutput => "";

    public void Attach(IActorRef owner, ILoggingAdapter log) => _owner = owner;

    public void RequestExit() => End(0);

    public void Kill() => End(LostExitCode);

    public void Dispose() => link.Tell(PoisonPill.Instance);

    private void End(int exitCode)
    {
        if (HasExited)
            return;
        HasExited = true;
        link.Tell(PoisonPill.Instance);
        _owner?.Tell(new ChildExited(childId, exitCode));
    }
}
