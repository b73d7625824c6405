using System.Diagnostics;

namespace ActorPool.Diagnostics;

/// <summary>The spans of a task: the caller's, whose context travels in the task, and the child's, parented to it.</summary>
internal static class TaskActivity
{
    private const string CallerSpan = "actorpool.task";
    private const string ChildSpan = "actorpool.task.run";

    /// <summary>
    /// The caller's span, if something listens to ActorPool's source; the context to hand the child is that span's,
    /// or else the caller's own current activity, so that the child's work joins the caller's trace either way.
    /// </summary>
    public static Activity? StartCaller(string poolName, out string? traceParent)
    {
        var activity = PoolTelemetry.Source.StartActivity(CallerSpan, ActivityKind.Client);
        activity?.SetTag("actorpool.pool.name", poolName);
        var context = activity ?? Activity.Current;
        traceParent = context is { IdFormat: ActivityIdFormat.W3C } ? context.Id : null;
        return activity;
    }

    /// <summary>Ends the caller's span with the task's outcome; a failure (not a cancellation) is an error, with its type.</summary>
    public static void StopCaller(Activity? activity, string outcome, Exception? error)
    {
        if (activity is null)
            return;
        activity.SetTag("actorpool.task.outcome", outcome);
        if (error is not null && outcome != TaskOutcomes.Cancelled)
            MarkFailed(activity, error is ProxyException proxy ? proxy.RemoteType : error.GetType().FullName, error.Message);
        activity.Dispose();
    }

    /// <summary>The child's span of a function that threw.</summary>
    public static void ChildFailed(Activity? activity, Exception error)
    {
        if (activity is not null && error is not OperationCanceledException)
            MarkFailed(activity, error.GetType().FullName, error.Message);
    }

    private static void MarkFailed(Activity activity, string? type, string message)
    {
        activity.SetTag("error.type", type);
        activity.SetStatus(ActivityStatusCode.Error, message);
    }

    /// <summary>
    /// The child's span for a task, parented to the caller's. When nothing in the child listens to ActorPool's source,
    /// a bare activity is started all the same: the task's code then sees <see cref="Activity.Current"/> in the caller's
    /// trace, and the spans it starts and the logs it writes join that trace.
    /// </summary>
    public static Activity? StartChild(string? traceParent, long? taskId)
    {
        if (traceParent is null || !ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent))
            return null;
        var activity = PoolTelemetry.Source.StartActivity(ChildSpan, ActivityKind.Server, parent)
            ?? new Activity(ChildSpan).SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags).Start();
        if (taskId is { } id && activity.IsAllDataRequested)
            activity.SetTag("actorpool.task.id", id);
        return activity;
    }
}
