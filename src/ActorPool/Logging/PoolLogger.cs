using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ActorPool.Logging;

/// <summary>
/// The Akka logger of every ActorPool ActorSystem (<c>akka.loggers</c>). Events go, as structured log entries, to the
/// <see cref="ILoggerFactory"/> the pool was given (<see cref="PoolOptions.LoggerFactory"/>), or else warnings and
/// errors to standard error; nothing ever goes to standard output. <see cref="LogTriage"/> decides what is news:
/// associations that end with a child are logged at Debug, and failed inbound connections are summed up once per
/// <c>actorpool.log.connection-failure-interval</c>.
/// </summary>
internal sealed class PoolLogger : UntypedActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>, IWithTimers
{
    private readonly AkkaEventWriter _writer;
    private readonly TimeSpan _summaryInterval;
    private int _foreignConnections;
    private LogEvent? _lastForeign;

    public PoolLogger()
    {
        var factory = Context.System.Settings.Setup.Get<PoolLoggingSetup>().Select(s => s.Factory).GetOrElse(null);
        _writer = new AkkaEventWriter(factory);
        // What is left in this logger's mailbox when the system stops it goes to the stdout logger: the same place.
        (Context.System.Settings.StdoutLogger as StragglerLogger)?.Attach(factory);
        _summaryInterval = Context.System.Settings.Config.GetTimeSpan("actorpool.log.connection-failure-interval", TimeSpan.FromSeconds(10));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case InitializeLogger:
                Sender.Tell(new LoggerInitialized());
                break;
            case LogEvent logEvent:
                Route(logEvent);
                break;
            case SummarizeForeignConnections:
                Summarize();
                break;
        }
    }

    private void Route(LogEvent logEvent)
    {
        var verdict = LogTriage.Classify(logEvent);
        if (verdict != LogVerdict.ForeignConnection)
        {
            _writer.Write(logEvent, verdict);
            return;
        }
        if (_foreignConnections++ == 0)
            Timers.StartSingleTimer(SummarizeForeignConnections.Instance, SummarizeForeignConnections.Instance, _summaryInterval);
        _lastForeign = logEvent;
    }

    private void Summarize()
    {
        if (_foreignConnections == 0 || _lastForeign is null)
            return;
        var cause = _lastForeign.Cause is { } e ? $"{e.GetType().Name}: {Serialization.RemoteError.Describe(e).Split('\n')[0]}" : "no cause given";
        _writer.WriteText(LogLevel.Information, "ActorPool.Connections", null,
            $"{_foreignConnections} inbound connection(s) to {Context.System.Name} failed before they were associated (a TLS handshake that failed, or bytes that were not Akka's) in the last {_summaryInterval}; the last one: {cause}");
        _foreignConnections = 0;
        _lastForeign = null;
    }

    private sealed class SummarizeForeignConnections
    {
        public static readonly SummarizeForeignConnections Instance = new();

        private SummarizeForeignConnections()
        {
        }
    }
}
