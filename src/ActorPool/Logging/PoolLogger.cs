using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Microsoft.Extensions.Logging;
using AkkaLogLevel = Akka.Event.LogLevel;
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
    private readonly ILoggerFactory? _factory;
    private readonly TimeSpan _summaryInterval;
    private readonly Dictionary<string, ILogger> _loggers = [];
    private int _foreignConnections;
    private LogEvent? _lastForeign;

    public PoolLogger()
    {
        _factory = Context.System.Settings.Setup.Get<PoolLoggingSetup>().Select(s => s.Factory).GetOrElse(null);
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
        switch (LogTriage.Classify(logEvent))
        {
            case LogVerdict.Keep:
                Write(Level(logEvent.LogLevel()), logEvent, logEvent.Cause);
                break;
            case LogVerdict.Demote:
                Write(LogLevel.Debug, logEvent, exception: null);
                break;
            case LogVerdict.ForeignConnection:
                if (_foreignConnections++ == 0)
                    Timers.StartSingleTimer(SummarizeForeignConnections.Instance, SummarizeForeignConnections.Instance, _summaryInterval);
                _lastForeign = logEvent;
                break;
        }
    }

    private void Summarize()
    {
        if (_foreignConnections == 0 || _lastForeign is null)
            return;
        var cause = _lastForeign.Cause is { } e ? $"{e.GetType().Name}: {Serialization.RemoteError.Describe(e).Split('\n')[0]}" : "no cause given";
        WriteText(LogLevel.Information, "ActorPool.Connections", null,
            $"{_foreignConnections} inbound connection(s) to {Context.System.Name} failed before they were associated (a TLS handshake that failed, or bytes that were not Akka's) in the last {_summaryInterval}; the last one: {cause}");
        _foreignConnections = 0;
        _lastForeign = null;
    }

    private void Write(LogLevel level, LogEvent logEvent, Exception? exception) =>
        WriteText(level, logEvent.LogClass?.FullName ?? logEvent.LogSource, exception, $"[{logEvent.LogSource}] {logEvent.Message}");

    private void WriteText(LogLevel level, string category, Exception? exception, string text)
    {
        if (_factory is not null)
        {
            if (!_loggers.TryGetValue(category, out var logger))
                _loggers[category] = logger = _factory.CreateLogger(category);
            logger.Log(level, exception, "{Text}", text);
            return;
        }
        if (level >= LogLevel.Warning)
            StandardErrorLog.Write(level, exception is null ? text : $"{text}{Environment.NewLine}{Serialization.RemoteError.Describe(exception)}");
    }

    private static LogLevel Level(AkkaLogLevel level) => level switch
    {
        AkkaLogLevel.DebugLevel => LogLevel.Debug,
        AkkaLogLevel.InfoLevel => LogLevel.Information,
        AkkaLogLevel.WarningLevel => LogLevel.Warning,
        _ => LogLevel.Error,
    };

    private sealed class SummarizeForeignConnections
    {
        public static readonly SummarizeForeignConnections Instance = new();

        private SummarizeForeignConnections()
        {
        }
    }
}
