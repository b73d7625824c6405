using System.Collections.Concurrent;
using Akka.Actor;
using ActorPool.Functions;
using ActorPool.Serialization;
using static ActorPool.Execution.ExecutionProtocol;

namespace ActorPool.Execution;

/// <summary>
/// Process-wide state of a child: the concurrency gate, the task count for recycling, the tokens of running
/// tasks and the once-only initializer. Shared by every task runner deployed into the child, and kept across
/// runner restarts.
/// </summary>
internal static class ChildRuntime
{
    private static readonly object s_lock = new();
    private static readonly ConcurrentDictionary<long, CancellationTokenSource> s_running = new();
    private static RunnerSettings? s_settings;
    private static SemaphoreSlim s_gate = new(1);
    private static Task? s_initialized;
    private static TaskCall? s_exceptionHandler;
    private static IdleTrim? s_idleTrim;
    private static ExtendedActorSystem? s_system;

    public static int Pid { get; } = Environment.ProcessId;

    /// <summary>Outcomes of tracked tasks waiting to travel to the supervisor.</summary>
    public static OutcomeOutbox Outbox { get; } = new();

    /// <summary>The child's ActorSystem; null outside a child process.</summary>
    public static ExtendedActorSystem? System
    {
        get => s_system;
        set
        {
            s_system = value;
            Codec = value is null ? PayloadCodec.Default : PayloadCodec.For(value);
        }
    }

    /// <summary>The payload codec of the child's ActorSystem, with the pool's settings.</summary>
    public static PayloadCodec Codec { get; private set; } = PayloadCodec.Default;

    /// <summary>Applies the settings of the first runner; runs the initializer once.</summary>
    public static Task EnsureInitializedAsync(RunnerSettings settings)
    {
        lock (s_lock)
        {
            if (s_initialized is not null)
                return s_initialized;
            s_settings = settings;
            s_gate = new SemaphoreSlim(settings.ChildConcurrency);
            Admissions = new ChildAdmissions(settings.MaxTasksPerChild);
            if (settings.ExceptionHandler is { } handler)
                s_exceptionHandler = (TaskCall)Codec.Deserialize(handler)!;
            s_initialized = settings.Initializer is { } init ? Task.Run(() => RunInitializerAsync(init)) : Task.CompletedTask;
            var areas = s_system is { } system ? SharedMemory.PayloadAreas.For(system) : null;
            s_idleTrim = new IdleTrim(settings.IdleTrimDelay, static () => Admissions.Idle, areas is null ? null : areas.Trim);
            s_initialized.ContinueWith(static _ => s_idleTrim?.BecameIdle(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return s_initialized;
        }
    }

    private static Task RunInitializerAsync(byte[] initializer)
    {
        var call = (TaskCall)Codec.Deserialize(initializer)!;
        return TaskInvoker.For(call.Method).InvokeAsync(call, CancellationToken.None);
    }

    /// <summary>The child's count of tasks taken and its retirement; set by the first runner.</summary>
    public static ChildAdmissions Admissions { get; private set; } = new(0);

    /// <summary>Ends an admitted task; true when it was the last one of a retiring child.</summary>
    public static bool Finish()
    {
        var drained = Admissions.Finish();
        if (Admissions.Idle)
            s_idleTrim?.BecameIdle();
        return drained;
    }

    /// <summary>True when the pool has a MaxMemoryPerChild and this process's resident memory is over it.</summary>
    public static bool OverMemoryLimit() => s_settings is { MaxMemoryPerChild: > 0 } settings && Environment.WorkingSet > settings.MaxMemoryPerChild;

    /// <summary>Runs a task under the concurrency gate with a token that <see cref="Cancel"/> reaches.</summary>
    /// <param name="taskId">The supervisor's id of a tracked task, or null for a call sent through the router.</param>
    /// <param name="callBytes">The serialized <see cref="TaskCall"/>.</param>
    /// <param name="traceParent">The caller's W3C trace context, if it was traced: the function runs in a span under it.</param>
    /// <param name="clock">Measures how long the function runs, if given.</param>
    public static async Task<object?> RunAsync(long? taskId, byte[] callBytes, string? traceParent = null, TaskClock? clock = null)
    {
        using var cancellation = new CancellationTokenSource();
        if (taskId is { } tracked)
            s_running[tracked] = cancellation;
        var gate = s_gate;
        var entered = false;
        try
        {
            await gate.WaitAsync(cancellation.Token).ConfigureAwait(false);
            entered = true;
            clock?.Start();
            using var activity = Diagnostics.TaskActivity.StartChild(traceParent, taskId);
            try
            {
                var call = (TaskCall)Codec.Deserialize(callBytes)!;
                return await TaskInvoker.For(call.Method).InvokeAsync(call, cancellation.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (activity is not null)
            {
                Diagnostics.TaskActivity.ChildFailed(activity, e);
                throw;
            }
        }
        finally
        {
            clock?.Stop();
            if (entered)
                gate.Release();
            if (taskId is { } finished)
                s_running.TryRemove(finished, out _);
        }
    }

    public static void Cancel(long taskId)
    {
        if (s_running.TryGetValue(taskId, out var cancellation))
        {
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The task finished meanwhile.
            }
        }
    }

    /// <summary>Runs the pool's ExceptionHandler, if any, for an exception a task threw.</summary>
    public static void HandleException(Exception exception)
    {
        if (s_exceptionHandler is { } handler)
            TaskInvoker.For(handler.Method).InvokeAsync(handler with { Args = [exception] }, CancellationToken.None).GetAwaiter().GetResult();
    }
}
