using ActorPool.Execution;

namespace ActorPool.Diagnostics;

/// <summary>The values of the <c>actorpool.child.exit_reason</c> tag.</summary>
internal static class ChildExitReasons
{
    /// <summary>It ran MaxTasksPerChild tasks.</summary>
    public const string Recycled = "recycled";

    /// <summary>It died, was killed from outside, or failed, after it was ready.</summary>
    public const string Crashed = "crashed";

    /// <summary>It exited before it was ready (killed while it started, or the host could not start).</summary>
    public const string StartFailed = "start_failed";

    /// <summary>It did not answer liveness probes (stopped, deadlocked) and was killed.</summary>
    public const string Hung = "hung";

    /// <summary>A task ignored its TaskTimeout's cancellation for the grace period and the child was killed.</summary>
    public const string TimedOut = "timed_out";

    /// <summary>Akka.Remote lost the connection to it and it was killed.</summary>
    public const string ConnectionLost = "connection_lost";

    /// <summary>The supervisor strategy stopped all of its task runners.</summary>
    public const string RunnersStopped = "runners_stopped";

    /// <summary>Its Initializer threw.</summary>
    public const string InitializerFailed = "initializer_failed";

    /// <summary>The pool was closed or disposed.</summary>
    public const string Closed = "closed";

    /// <summary>The pool was terminated.</summary>
    public const string Terminated = "terminated";

    /// <summary>
    /// Why a child exited, as far as the pool can tell: the reason it was ended for, if the pool asked it to leave and it
    /// left cleanly (or the pool killed it); else it crashed, or failed to start if it never was ready.
    /// </summary>
    /// <param name="askedFor">Why the pool ended it, or null if the pool did not.</param>
    /// <param name="exitCode">Its exit code (128 + signal when killed).</param>
    /// <param name="killedByPool">Whether the pool sent the kill.</param>
    /// <param name="wasReady">Whether it had become ready to take tasks.</param>
    public static string Of(string? askedFor, int exitCode, bool killedByPool, bool wasReady) =>
        askedFor is not null && (exitCode == 0 || killedByPool) ? askedFor : wasReady ? Crashed : StartFailed;

    public static string Of(RetireReason reason) => reason switch
    {
        RetireReason.MaxTasks => Recycled,
        RetireReason.Memory => "memory",
        RetireReason.Lifetime => "lifetime",
        RetireReason.Idle => "idle",
        RetireReason.HostLeaving => "host_left",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
