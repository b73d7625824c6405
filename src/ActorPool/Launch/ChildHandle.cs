using Akka.Actor;
using Akka.Event;
using ActorPool.Child;
using ActorPool.Execution;

namespace ActorPool.Launch;

/// <summary>
/// The parent's side of one child process: starts it, reads its output, tells its owner when it is ready and
/// when it has exited, and ends it. OS callbacks only <c>Tell</c> the owner.
/// </summary>
internal sealed class ChildHandle : IChildHandle
{
    private readonly object _gate = new();
    private RunningChild _child = null!;
    private List<Action<IActorRef, ILoggingAdapter>>? _early = [];
    private IActorRef? _owner;
    private ILoggingAdapter? _log;
    private int _launched;

    private ChildHandle(int childId)
    {
        ChildId = childId;
    }

    public string RecentErrorOutput => _child.RecentErrorOutput;

    public int ChildId { get; }

    public int Pid => _child.Pid;

    public bool HasExited => _child.HasExited;

    /// <summary>
    /// Starts a child process that waits for its bootstrap line (<see cref="SendBootstrap"/>). What it says before an
    /// owner is attached (<see cref="Attach"/>) is kept and told in order then, so that a pool can start its children
    /// while its own ActorSystem is still being made.
    /// </summary>
    public static ChildHandle Launch(int childId, IReadOnlyDictionary<string, string> environment, Logging.ChildLogSink logs)
    {
        var handle = new ChildHandle(childId);
        // The callbacks may run before Start returns: they use nothing of _child.
        handle._child = RunningChild.Start(childId, environment, logs, handle.OnLine, handle.OnExited);
        return handle;
    }

    /// <summary>
    /// Starts a child. <paramref name="owner"/> receives <see cref="ChildLaunched"/> once the child's ActorSystem
    /// listens, and <see cref="ChildExited"/> when the process ends, whatever the cause.
    /// </summary>
    public static ChildHandle Start(
        int childId, ChildBootstrap bootstrap, IReadOnlyDictionary<string, string> environment, Logging.ChildLogSink logs, IActorRef owner, ILoggingAdapter log)
    {
        var handle = Launch(childId, environment, logs);
        handle.Attach(owner, log);
        handle.SendBootstrap(bootstrap);
        return handle;
    }

    /// <summary>Gives the child what it needs to start its ActorSystem; the first line of its standard input.</summary>
    public void SendBootstrap(ChildBootstrap bootstrap)
    {
        // The line is private to the child: its standard input is a pipe only the parent holds.
        _child.Tell(bootstrap.Encode());
    }

    public void Attach(IActorRef owner, ILoggingAdapter log)
    {
        lock (_gate)
        {
            _owner = owner;
            _log = log;
            // Told under the lock, so that nothing said meanwhile overtakes what was said before.
            foreach (var early in _early!)
                early(owner, log);
            _early = null;
        }
    }

    private void OnLine(ChildLine line)
    {
        if (line.Kind == ChildLineKind.Ready && Interlocked.Exchange(ref _launched, 1) == 0)
            Post((owner, _) => owner.Tell(ChildLaunched.Parse(ChildId, line.Text)));
    }

    private void OnExited(int exitCode) => Post((owner, _) => owner.Tell(new ChildExited(ChildId, exitCode)));

    private void Post(Action<IActorRef, ILoggingAdapter> said)
    {
        lock (_gate)
        {
            if (_owner is null)
                _early!.Add(said);
            else
                said(_owner, _log!);
        }
    }

    /// <summary>Asks the child to exit once it has nothing left to do (closes its standard input).</summary>
    public void RequestExit()
    {
        _child.Tell(ParentWatch.ExitCommand);
        _child.CloseInput();
    }

    /// <summary>Ends the child at once (SIGKILL on Unix).</summary>
    public void Kill()
    {
        if (!_child.Kill())
            _log?.Debug("Child {0} was already gone", Pid);
    }

    public void Dispose() => _child.Dispose();
}

/// <summary>A child's ActorSystem listens at <paramref name="Address"/>, with the remoting <paramref name="Uid"/>.</summary>
internal sealed record ChildLaunched(int ChildId, Address Address, int Uid)
{
    /// <summary>Reads the "address uid" text that follows the ready prefix.</summary>
    public static ChildLaunched Parse(int childId, string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new ChildLaunched(childId, Address.Parse(parts[0]), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>A child process has exited with <paramref name="ExitCode"/> (128 + signal when killed).</summary>
internal sealed record ChildExited(int ChildId, int ExitCode);
