using Akka.Actor;

namespace ActorPool.Supervision;

/// <summary>Messages the pool's facade sends its supervisor (all local to the parent).</summary>
internal static class SupervisionProtocol
{
    /// <summary>Run a task; its outcome completes <see cref="PendingTask.Completion"/>.</summary>
    public sealed record SubmitTask(PendingTask Task);

    /// <summary>The caller cancelled a task: drop it if it is queued, else cancel its function's token in the child.</summary>
    public sealed record AbandonTask(long TaskId);

    /// <summary>Take no new tasks; let the rest finish, then end the children.</summary>
    public sealed record ClosePool
    {
        public static readonly ClosePool Instance = new();
    }

    /// <summary>Fail every unfinished task with <see cref="PoolTerminatedException"/> and kill the children.</summary>
    public sealed record TerminatePool
    {
        public static readonly TerminatePool Instance = new();
    }

    /// <summary>Ask for a text snapshot of the supervisor's state, for diagnostics.</summary>
    public sealed record DescribeState
    {
        public static readonly DescribeState Instance = new();
    }

    /// <summary>What <see cref="ProcessPool.StartAsync"/> waits for: the router, once every first child is ready.</summary>
    public sealed record PoolStarted(IActorRef Router);
}
