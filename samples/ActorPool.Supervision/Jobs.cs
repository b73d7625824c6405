namespace ActorPool.Supervision;

/// <summary>A failure worth retrying on the same runner: the runner is resumed.</summary>
public sealed class TransientDatabaseException(string message) : Exception(message);

/// <summary>A failure that leaves the runner's state suspect: the runner is restarted.</summary>
public sealed class CorruptCacheException(string message) : Exception(message);

/// <summary>Task functions and the exception handler: they run in the child processes.</summary>
public static class Jobs
{
    public static int Pid() => Environment.ProcessId;

    public static int Fail(string kind) => kind switch
    {
        "transient" => throw new TransientDatabaseException("the database timed out"),
        "corrupt" => throw new CorruptCacheException("the cache returned a checksum mismatch"),
        _ => throw new ArgumentException($"no such item: {kind}"),
    };

    /// <summary>
    /// Runs in the child for every task that throws. Rethrowing makes the task runner actor itself fail, and the pool's
    /// SupervisorStrategy decides what becomes of it; returning leaves the runner as it is. Either way the caller gets
    /// the task's own error as a ProxyException.
    /// </summary>
    public static void Escalate(Exception error)
    {
        if (error is TransientDatabaseException or CorruptCacheException)
            throw error;
    }
}
