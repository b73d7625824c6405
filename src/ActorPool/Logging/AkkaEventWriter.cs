using Akka.Event;
using Microsoft.Extensions.Logging;
using AkkaLogLevel = Akka.Event.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ActorPool.Logging;

/// <summary>
/// Writes Akka's log events, and ActorPool's own entries, where one ActorSystem's log goes: the pool's
/// <see cref="ILoggerFactory"/>, or standard error (warnings and errors only) when it has none. Not thread-safe: each
/// user (the system's <see cref="PoolLogger"/>, its <see cref="StragglerLogger"/>) has its own.
/// </summary>
internal sealed class AkkaEventWriter(ILoggerFactory? factory)
{
    private readonly Dictionary<string, ILogger> _loggers = [];

    /// <summary>Writes an event as it is for <see cref="LogVerdict.Keep"/>, and at Debug without its stack trace for any other verdict.</summary>
    public void Write(LogEvent logEvent, LogVerdict verdict)
    {
        if (verdict == LogVerdict.Keep)
            Write(Level(logEvent.LogLevel()), logEvent, logEvent.Cause);
        else
            Write(LogLevel.Debug, logEvent, exception: null);
    }

    public void WriteText(LogLevel level, string category, Exception? exception, string text)
    {
        if (factory is not null)
        {
            if (!_loggers.TryGetValue(category, out var logger))
                _loggers[category] = logger = factory.CreateLogger(category);
            logger.Log(level, exception, "{Text}", text);
            return;
        }
        if (level >= LogLevel.Warning)
            StandardErrorLog.Write(level, exception is null ? text : $"{text}{Environment.NewLine}{Serialization.RemoteError.Describe(exception)}");
    }

    private void Write(LogLevel level, LogEvent logEvent, Exception? exception) =>
        WriteText(level, logEvent.LogClass?.FullName ?? logEvent.LogSource, exception, $"[{logEvent.LogSource}] {logEvent.Message}");

    private static LogLevel Level(AkkaLogLevel level) => level switch
    {
        AkkaLogLevel.DebugLevel => LogLevel.Debug,
        AkkaLogLevel.InfoLevel => LogLevel.Information,
        AkkaLogLevel.WarningLevel => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
