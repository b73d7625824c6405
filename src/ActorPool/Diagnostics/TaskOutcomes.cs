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

    /// <summary>The outcome of a function that threw in a child, as the child saw it: cancelled (by its token), or an error.</summary>
    public static string OfChild(Serialization.RemoteError error) =>
        error.Type is "System.OperationCanceledException" or "System.Threading.Tasks.TaskCanceledException" ? Cancelled : Error;

    public static string Of(Exception exception) => exception switch
    {
        OperationCanceledException => Cancelled,
        TimeoutException => TimedOut,
        ChildCrashedException => Crashed,
        PoolTerminatedException => Terminated,
        _ => Error,
    };
}
