using Akka.Event;
using Microsoft.Extensions.Logging;

namespace ActorPool.Logging;

/// <summary>
/// An ActorPool system's <c>akka.stdout-logger-class</c>. Akka writes to this logger what it cannot give its loggers:
/// the events still in <see cref="PoolLogger"/>'s mailbox when the system stops it at termination (often a child's
/// association ending just then), and warnings from before the loggers start. Akka's own prints them on standard
/// output whatever <c>stdout-loglevel</c> says; this one sorts and writes them as <see cref="PoolLogger"/> does, where
/// it does once that logger has started (before, when it cannot know the pool's factory yet: to standard error).
/// </summary>
internal sealed class StragglerLogger : MinimalLogger
{
    private readonly Lock _gate = new();
    private AkkaEventWriter _writer = new(factory: null);

    /// <summary>Writes from now on where the system's <see cref="PoolLogger"/> writes.</summary>
    internal void Attach(ILoggerFactory? factory)
    {
        lock (_gate)
            _writer = new AkkaEventWriter(factory);
    }

    protected override void Log(object message)
    {
        if (message is not LogEvent logEvent)
            return;
        // Failed inbound connections are summed up by PoolLogger while it runs; one left over is written at Debug, as
        // every verdict other than Keep is.
        var verdict = LogTriage.Classify(logEvent);
        lock (_gate)
            _writer.Write(logEvent, verdict);
    }
}
