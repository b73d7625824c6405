using Akka.Actor;
using Akka.Event;
using ActorPool.Execution;
using ActorPool.Serialization;
using static ActorPool.Execution.ExecutionProtocol;

namespace ActorPool.Child;

/// <summary>
/// Runs tasks in a child process. Deployed into the child by the parent's supervisor (remote deployment),
/// so its supervisor, and the pool's SupervisorStrategy, live in the parent. It is a routee of
/// <see cref="ProcessPool.Router"/> and also takes tracked tasks from the supervisor.
/// </summary>
internal sealed class TaskRunnerActor : UntypedActor, IWithStash
{
    // An UntypedActor with a switch rather than a ReceiveActor: a ReceiveActor compiles its handlers into a
    // delegate with System.Linq.Expressions when its first instance starts, a cost every child start would pay.
    private readonly RunnerSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ChildRuntime _runtime = ChildRuntime.For(Context.System);

    public TaskRunnerActor(RunnerSettings settings)
    {
        _settings = settings;
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(RunnerSettings settings) => Akka.Actor.Props.Create<TaskRunnerActor>(settings);

    protected override void PreStart()
    {
        _runtime.EnsureInitializedAsync(_settings).PipeTo(
            Self,
            success: () => Initialized.Instance,
            failure: e => new Status.Failure(e));
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Initialized:
                Context.Parent.Tell(new RunnerReady(_settings.ChildId, ChildRuntime.Pid));
                Become(Running);
                Stash.UnstashAll();
                break;
            case Status.Failure failure:
                var error = failure.Cause is AggregateException { InnerException: { } inner } ? inner : failure.Cause;
                _log.Error("The pool's Initializer threw in child {0}: {1}", ChildRuntime.Pid, RemoteError.Describe(error));
                Context.Parent.Tell(new RunnerInitFailed(_settings.ChildId, RemoteError.From(error, ChildRuntime.Pid, _runtime.Codec)));
                break;
            default:
                Stash.Stash();
                break;
        }
    }

    private void Running(object message)
    {
        switch (message)
        {
            case RunTasks batch:
                foreach (var run in batch.Tasks)
                {
                    if (AdmitOrRetire() == Admission.Refused)
                        _runtime.Outbox.Add(new TaskBounced(run.TaskId));
                    else
                        StartTracked(run);
                }
                SendOutcomes(_runtime, Context.Parent);
                break;
            case Invoke invoke:
                if (AdmitOrRetire() == Admission.Refused)
                {
                    // This child has run its MaxTasksPerChild; the supervisor places the call elsewhere.
                    Context.Parent.Forward(invoke);
                    return;
                }
                StartRouted(invoke, Sender);
                break;
            case CancelTask cancel:
                _runtime.Cancel(cancel.TaskId);
                break;
            case RetireChild retire:
                Retire(retire.Reason, Context.Parent, Self);
                break;
            case ExceptionHandlerFailed failed:
                throw ProxyException.ForSupervisor(failed.Exception);
            default:
                Unhandled(message);
                break;
        }
    }

    private Admission AdmitOrRetire()
    {
        var admission = _runtime.Admissions.Admit();
        if (admission == Admission.AdmittedLast)
            Context.Parent.Tell(new ChildRetiring(_settings.ChildId, RetireReason.MaxTasks));
        return admission;
    }

    /// <summary>Stops taking tasks; a child with none running is drained at once.</summary>
    private void Retire(RetireReason reason, IActorRef parent, IActorRef self)
    {
        if (!_runtime.Admissions.TryRetire(out var drained))
            return;
        parent.Tell(new ChildRetiring(_settings.ChildId, reason), self);
        if (drained)
            ReportDrained(parent, self);
    }

    private void StartTracked(RunTask run)
    {
        var parent = Context.Parent;
        var self = Self;
        var runtime = _runtime;
        _ = runtime.Run(async () =>
        {
            var clock = new TaskClock();
            try
            {
                var result = await runtime.RunAsync(run.TaskId, run.Call, run.TraceParent, clock).ConfigureAwait(false);
                Report(new TaskSucceeded(run.TaskId, SerializeResult(runtime, result, share: true), clock.Elapsed), parent, self);
            }
            catch (Exception e)
            {
                var handlerFailure = HandleException(runtime, e);
                Report(new TaskFaulted(run.TaskId, RemoteError.From(e, ChildRuntime.Pid, runtime.Codec), clock.Elapsed), parent, self);
                ReportHandlerFailure(handlerFailure, self);
            }
        });
    }

    private void Report(TaskOutcome outcome, IActorRef parent, IActorRef self)
    {
        // The flush is queued behind the pool's pending work (tasks of the same batch that are about to finish)
        // rather than run next on this thread, so that their outcomes travel together. It goes straight to the
        // supervisor, not through this runner, so that a runner the supervisor strategy stopped loses nothing.
        RetireIfOverMemory(parent, self);
        if (_runtime.Outbox.Add(outcome))
            ThreadPool.UnsafeQueueUserWorkItem(static state => SendOutcomes(state.Runtime, state.Supervisor), (Runtime: _runtime, Supervisor: parent), preferLocal: false);
        FinishTask(parent, self);
    }

    private static void SendOutcomes(ChildRuntime runtime, IActorRef supervisor)
    {
        if (runtime.Outbox.Take() is { } finished)
            supervisor.Tell(finished);
    }

    private void StartRouted(Invoke invoke, IActorRef replyTo)
    {
        var parent = Context.Parent;
        var self = Self;
        var runtime = _runtime;
        _ = runtime.Run(async () =>
        {
            try
            {
                var result = await runtime.RunAsync(null, invoke.Call).ConfigureAwait(false);
                // Checked here, so that a result that cannot travel fails as the task's error; Akka sends it.
                SerializeResult(runtime, result, share: false);
                Reply(replyTo, result, parent, self);
            }
            catch (Exception e)
            {
                var handlerFailure = HandleException(runtime, e);
                Reply(replyTo, new Status.Failure(ProxyException.From(RemoteError.From(e, ChildRuntime.Pid, runtime.Codec), runtime.Codec)), parent, self);
                ReportHandlerFailure(handlerFailure, self);
            }
        });
    }

    private void Reply(IActorRef replyTo, object? reply, IActorRef parent, IActorRef self)
    {
        RetireIfOverMemory(parent, self);
        replyTo.Tell(reply, self);
        FinishTask(parent, self);
    }

    /// <summary>
    /// A child over its memory limit after a task retires (it finishes what it runs) before that task's outcome leaves:
    /// the supervisor hears of it first, so that the caller's next task cannot be placed here.
    /// </summary>
    private void RetireIfOverMemory(IActorRef parent, IActorRef self)
    {
        if (_runtime.OverMemoryLimit())
            Retire(RetireReason.Memory, parent, self);
    }

    /// <summary>
    /// Ends an admitted task. After the last task of a retiring child, the outcomes still in the outbox go first, from
    /// this thread, and then <see cref="ChildDrained"/>: the supervisor stops the child on it.
    /// </summary>
    private void FinishTask(IActorRef parent, IActorRef self)
    {
        if (_runtime.Finish())
            ReportDrained(parent, self);
    }

    private void ReportDrained(IActorRef parent, IActorRef self)
    {
        SendOutcomes(_runtime, parent);
        parent.Tell(new ChildDrained(_settings.ChildId), self);
    }

    /// <summary>Runs the pool's ExceptionHandler for a task's exception; returns what the handler threw, if anything.</summary>
    private static Exception? HandleException(ChildRuntime runtime, Exception exception)
    {
        if (exception is ResultNotSerializableException)
            return null;
        try
        {
            runtime.HandleException(exception);
            return null;
        }
        catch (Exception handlerFailure)
        {
            return handlerFailure;
        }
    }

    // The handler is part of the runner: its failure fails the runner, and the supervisor strategy decides.
    // Reported after the caller has its answer, so that whatever the strategy does cannot lose that answer.
    private static void ReportHandlerFailure(Exception? handlerFailure, IActorRef self)
    {
        if (handlerFailure is not null)
            self.Tell(new ExceptionHandlerFailed(handlerFailure));
    }

    // A tracked task's large result goes to the child's shared memory, where the parent reads it.
    private static byte[] SerializeResult(ChildRuntime runtime, object? result, bool share) =>
        runtime.Codec.TryEncode(result, "The task's result", out var bytes, share) is { } error
            ? throw new ResultNotSerializableException(error)
            : bytes;

    private sealed class Initialized
    {
        public static readonly Initialized Instance = new();

        private Initialized()
        {
        }
    }

    private sealed record ExceptionHandlerFailed(Exception Exception);
}
