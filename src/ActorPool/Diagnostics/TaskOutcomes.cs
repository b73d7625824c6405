namespace ActorPool.Diagnostics;

/// <summary>The values of the <c>actorpool.task.outcome</c> tag, and how a caller's exception maps to them.</summary>
internal static class TaskOutcomes
{
    public const string Ok = "ok";
    public const string Error = "error";
    public const string Cancelled = "cancelled";
    public const string TimedOut = "timed_out";
    public const string Crashed = "crashed";
    public const string Terminated = "terminated";

    public static string Of(Exception exception) => exception switch
    {
        OperationCanceledException => Cancelled,
        TimeoutException => TimedOut,
        ChildCrashedException => Crashed,
        PoolTerminatedException => Terminated,
        _ => Error,
    };
}
