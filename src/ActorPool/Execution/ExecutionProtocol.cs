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
        byte[]? ExceptionHandler,
        TimeSpan IdleTrimDelay,
        long MaxMemoryPerChild) : Wire.IWireMessage;

    /// <summary>A task to run; the child answers for it with a <see cref="TaskOutcome"/>.</summary>
    /// <param name="TaskId">The supervisor's id of the task.</param>
    /// <param name="Call">The encoded call.</param>
    /// <param name="TraceParent">The W3C <c>traceparent</c> of the caller's span, or null when the caller is not traced.</param>
    public sealed record RunTask(long TaskId, byte[] Call, string? TraceParent = null);

    /// <summary>
    /// Tasks the supervisor placed on one runner at once: one remote message for as many tasks as it had
    /// ready, instead of one each. The child answers in <see cref="TasksFinished"/> batches.
    /// </summary>
    public sealed record RunTasks(RunTask[] Tasks) : Wire.IWireMessage;

    /// <summary>Cancel the token of a running task; the runner still answers for it when it returns.</summary>
    public sealed record CancelTask(long TaskId) : Wire.IWireMessage;

    /// <summary>The outcomes of tracked tasks, as many as finished in the child since its last batch.</summary>
    public sealed record TasksFinished(TaskOutcome[] Outcomes) : Wire.IWireMessage;

    /// <summary>What became of one tracked task.</summary>
    public abstract record TaskOutcome(long TaskId);

    /// <summary>The task returned; <paramref name="Result"/> is its encoded result.</summary>
    /// <param name="TaskId">The supervisor's id of the task.</param>
    /// <param name="Result">The encoded result.</param>
    /// <param name="Ran">How long the function ran in the child (time waiting for the concurrency gate left out).</param>
    public sealed record TaskSucceeded(long TaskId, byte[] Result, TimeSpan Ran = default) : TaskOutcome(TaskId);

    /// <summary>The task threw.</summary>
    /// <param name="TaskId">The supervisor's id of the task.</param>
    /// <param name="Error">What it threw, described.</param>
    /// <param name="Ran">How long the function ran in the child before it threw.</param>
    public sealed record TaskFaulted(long TaskId, RemoteError Error, TimeSpan Ran = default) : TaskOutcome(TaskId);

    /// <summary>The child has taken its last task (MaxTasksPerChild); run this one elsewhere.</summary>
    public sealed record TaskBounced(long TaskId) : TaskOutcome(TaskId);

    /// <summary>The task reached a runner of the child that had just been stopped: it never ran, and runs elsewhere.</summary>
    public sealed record TaskUndelivered(long TaskId) : TaskOutcome(TaskId);

    /// <summary>A runner has started, the child's initializer having run, and takes tasks.</summary>
    public sealed record RunnerReady(int ChildId, int Pid) : Wire.IWireMessage;

    /// <summary>The child's initializer threw; the child takes no tasks.</summary>
    public sealed record RunnerInitFailed(int ChildId, RemoteError Error) : Wire.IWireMessage;

    /// <summary>The child takes no more tasks (<paramref name="Reason"/>); it finishes those it has, then reports <see cref="ChildDrained"/>.</summary>
    public sealed record ChildRetiring(int ChildId, RetireReason Reason) : Wire.IWireMessage;

    /// <summary>The parent asks whether the child is alive; its <see cref="Child.LivenessActor"/> answers with <see cref="ProbeAnswered"/>.</summary>
    public sealed record Probe : Wire.IWireMessage
    {
        public static readonly Probe Instance = new();
    }

    /// <summary>The child is alive.</summary>
    public sealed record ProbeAnswered(int ChildId) : Wire.IWireMessage;

    /// <summary>The parent asks the child to retire: it takes no new task and ends once its running tasks have.</summary>
    public sealed record RetireChild(RetireReason Reason) : Wire.IWireMessage;

    /// <summary>A retiring child has answered for every task it accepted.</summary>
    public sealed record ChildDrained(int ChildId) : Wire.IWireMessage;
}
