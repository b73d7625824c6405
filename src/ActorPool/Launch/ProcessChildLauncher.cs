using Akka.Actor;
using Akka.Event;

namespace ActorPool.Launch;

/// <summary>Starts each child as an OS process running the child host, with the pool's child-only environment.</summary>
internal sealed class ProcessChildLauncher(IReadOnlyDictionary<string, string> environment, Logging.ChildLogSink logs, ILoggingAdapter log) : IChildLauncher
{
    public IChildHandle Start(int childId, ChildBootstrap bootstrap, IActorRef owner) =>
        ChildHandle.Start(childId, bootstrap, environment, logs, owner, log);
}
