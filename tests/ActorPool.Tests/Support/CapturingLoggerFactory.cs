using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ActorPool.Tests.Support;

/// <summary>An <see cref="ILoggerFactory"/> that keeps every entry, for tests that check what a pool logs.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
    {
        // The scope open on this thread (a logger's scope and its entries are written on one thread here).
        [ThreadStatic]
        private static object? t_scope;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            var outer = t_scope;
            t_scope = state;
            return new Scope(() => t_scope = outer);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception, t_scope));
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}

/// <summary>One captured entry; <paramref name="Scope"/> is the scope's state that was open when it was written.</summary>
internal sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception, object? Scope = null);
