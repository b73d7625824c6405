using ActorPool.Serialization;

namespace ActorPool;

/// <summary>The child process running a task died before the task finished, on every attempt.</summary>
public class ChildCrashedException : ProxyException
{
    /// <summary>Creates the exception for a child that exited.</summary>
    /// <param name="childPid">Process id of the child that died last.</param>
    /// <param name="exitCode">Its exit code (128 + signal when killed by a signal), or null if unknown.</param>
    /// <param name="attempts">How many times the task was started.</param>
    public ChildCrashedException(int childPid, int? exitCode, int attempts)
        : base(
            $"Child process {childPid} exited (code {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}) while running the task, after {attempts} attempt(s).",
            typeof(ChildCrashedException).FullName!,
            "The child process exited while running the task.",
            string.Empty,
            childPid,
            null)
    {
        ExitCode = exitCode;
        Attempts = attempts;
    }

    /// <summary>Exit code of the child that died last, or null if unknown.</summary>
    public int? ExitCode { get; }

    /// <summary>How many times the task was started before the pool gave up.</summary>
    public int Attempts { get; }

    internal override ProxyExceptionSurrogate ToSurrogate(PayloadCodec codec) => new(ToError(codec), Crashed: true, ExitCode, Attempts);
}
