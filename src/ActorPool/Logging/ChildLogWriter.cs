using Microsoft.Extensions.Logging;

namespace ActorPool.Logging;

/// <summary>
/// The log of a child process: each entry goes to its standard error as a <see cref="ChildLogLine"/>, which the parent
/// turns back into a structured entry of its own <see cref="ILoggerFactory"/> (see <see cref="ChildLogSink"/>).
/// </summary>
internal sealed class ChildLogWriter : ILoggerFactory
{
    private readonly TextWriter _output;

    public ChildLogWriter(TextWriter output) => _output = output;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _output);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("A child's log goes to its parent only.");

    public void Dispose()
    {
    }

    private sealed class Logger(string category, TextWriter output) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (exception is not null)
                text = $"{text}{Environment.NewLine}{Serialization.RemoteError.Describe(exception)}";
            var line = new ChildLogLine(logLevel, category, text).Format();
            lock (output)
                output.WriteLine(line);
        }
    }
}
