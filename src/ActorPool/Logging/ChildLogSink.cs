using Microsoft.Extensions.Logging;

namespace ActorPool.Logging;

/// <summary>
/// Where the parent puts what its children log: the pool's <see cref="ILoggerFactory"/>, each entry with its own level
/// and category and the child's pid and id in a scope; without a factory, warnings and errors go to standard error.
/// A line a child writes on standard error that is not a log entry (the runtime's own, a crash) is a warning of
/// category <c>ActorPool.Child</c>.
/// </summary>
internal sealed class ChildLogSink(ILoggerFactory? factory)
{
    public const string RawCategory = "ActorPool.Child";

    /// <summary>Category of what a child writes on its standard output that is not for its parent.</summary>
    public const string OutputCategory = "ActorPool.Child.Output";

    private readonly Dictionary<string, ILogger> _loggers = [];

    /// <summary>Logs one line of a child's standard error; never throws (it runs on the thread that reads the child's output).</summary>
    /// <returns>The entry the line was read as.</returns>
    public ChildLogLine Write(int pid, int childId, string line)
    {
        var entry = ChildLogLine.TryParse(line, out var parsed) ? parsed : new ChildLogLine(LogLevel.Warning, RawCategory, line);
        Write(pid, childId, entry);
        return entry;
    }

    /// <summary>Logs a line a child wrote on its standard output that is not for its parent (its task's own output), at Debug.</summary>
    public void WriteOutput(int pid, int childId, string line) => Write(pid, childId, new ChildLogLine(LogLevel.Debug, OutputCategory, line));

    private void Write(int pid, int childId, ChildLogLine entry)
    {
        try
        {
            Log(pid, childId, entry);
        }
        catch (Exception e)
        {
            // A logger that fails (a factory disposed as the host shuts down) must not end the process from this thread.
            Console.Error.WriteLine($"[child {childId}, process {pid}] {entry.Text} (the log failed: {e.GetType().Name}: {e.Message})");
        }
    }

    private void Log(int pid, int childId, ChildLogLine entry)
    {
        if (factory is null)
        {
            StandardErrorLog.Write(entry.Level, $"[child {childId}, process {pid}] {entry.Text}");
            return;
        }
        var logger = Logger(entry.Category);
        if (!logger.IsEnabled(entry.Level))
            return;
        using (logger.BeginScope(new ChildScope(pid, childId)))
            logger.Log(entry.Level, "{Text}", entry.Text);
    }

    private ILogger Logger(string category)
    {
        lock (_loggers)
        {
            if (!_loggers.TryGetValue(category, out var logger))
                _loggers[category] = logger = factory!.CreateLogger(category);
            return logger;
        }
    }
}
