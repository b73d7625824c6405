using Microsoft.Extensions.Logging;

namespace ActorPool.Logging;

/// <summary>
/// Where a pool's log goes when it was given no <see cref="ILoggerFactory"/>: warnings and errors, one line each on
/// standard error (never standard output); lower levels nowhere.
/// </summary>
internal static class StandardErrorLog
{
    public static void Write(LogLevel level, string text)
    {
        if (level is < LogLevel.Warning or LogLevel.None)
            return;
        Console.Error.WriteLine($"[{(level >= LogLevel.Error ? "ERROR" : "WARNING")}][{DateTime.UtcNow:O}] {text}");
    }
}
