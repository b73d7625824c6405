using Akka.Actor;

namespace ActorPool.Launch;

/// <summary>Starts a pool's child processes; the supervisor's only way to make one, so that tests can give it fakes.</summary>
internal interface IChildLauncher
{
    /// <summary>
    /// Starts a child. <paramref name="owner"/> receives <see cref="ChildLaunched"/> once the child's ActorSystem
    /// listens, and <see cref="ChildExited"/> when the process ends, whatever the cause.
    /// </summary>
    IChildHandle Start(int childId, ChildBootstrap bootstrap, IActorRef owner);
}

/// <summary>The parent's side of one child process.</summary>
internal interface IChildHandle : IDisposable
{
    int ChildId { get; }

    int Pid { get; }

    bool HasExited { get; }

    /// <summary>The last lines the child wrote on its standard error, for an error that says why it could not start.</summary>
    string RecentErrorOutput { get; }

    /// <summary>Makes <paramref name="owner"/> the one told what the child does (from now on, and what it did already).</summary>
    void Attach(IActorRef owner, Akka.Event.ILoggingAdapter log);

    /// <summary>Asks the child to exit once it has nothing left to do (closes its standard input).</summary>
    void RequestExit();

    /// <summary>Ends the child at once (SIGKILL on Unix).</summary>
    void Kill();
}
