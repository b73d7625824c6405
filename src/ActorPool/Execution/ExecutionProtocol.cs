using ActorPool.Serialization;

namespace ActorPool.Execution;

/// <summary>Messages between the parent's supervisor and the task runners in a child.</summary>
internal static class ExecutionProtocol
{
    /// <summary>What a task runner needs to know of its pool; a constructor argument of remote deployment.</summary>
    public sealed record RunnerSettings(
        int ChildId,
        int ChildConcurrency,
        int MaxTasksPerChild,
        byte[]? Initializer,
        byte[]? ExceptionHandler) : IPoolMessage;

    /// <summary>Run a task; the runner answers the sender with one of the Task* messages below.</summary>
    public sealed record RunTask(long TaskId, byte[] Call) : IPoolMessage;

    /// <summary>Cancel the token of a running task; the runner still answers for it when it returns.</summary>
    public sealed record CancelTask(long TaskId) : IPoolMessage;

    public sealed record TaskSucceeded(long TaskId, byte[] Result) : IPoolMessage;

    public sealed record TaskFaulted(long TaskId, RemoteError Error) : IPoolMessage;

    /// <summary>The child has taken its last task (MaxTasksPerChild); run this one elsewhere.</summary>
    public sealed record TaskBounced(long TaskId) : IPoolMessage;

    /// <summary>A runner has started, the child's initializer having run, and takes tasks.</summary>
    public sealed record RunnerReady(int ChildId, int Pid) : IPoolMessage;

    /// <summary>The child's initializer threw; the child takes no tasks.</summary>
    public sealed record RunnerInitFailed(int ChildId, RemoteError Error) : IPoolMessage;

    /// <summary>The child has accepted its last task and takes no more.</summary>
    public sealed record ChildRetiring(int ChildId) : IPoolMessage;

    /// <summary>A retiring child has answered for every task it accepted.</summary>
    public sealed record ChildDrained(int ChildId) : IPoolMessage;
}
