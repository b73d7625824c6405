using Akka.Dispatch;

namespace ActorPool.Child;

/// <summary>
/// Runs a child's task functions on an Akka dispatcher's threads instead of the .NET thread pool
/// (<c>actorpool.task-dispatcher</c>): the child's counterpart of aiomultiprocess's <c>loop_initializer</c>. Started on
/// it, a task's continuations come back to it too (it is their <see cref="TaskScheduler.Current"/>), unless the
/// task's code says otherwise with <c>ConfigureAwait(false)</c>.
/// </summary>
internal sealed class DispatcherTaskScheduler(MessageDispatcher dispatcher) : TaskScheduler
{
    protected override void QueueTask(Task task) => dispatcher.Schedule(new TaskRunnable(this, task));

    // Never inline: a task runs on the dispatcher's threads, whatever thread awaits it.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task>? GetScheduledTasks() => null;

    private sealed class TaskRunnable(DispatcherTaskScheduler scheduler, Task task) : IRunnable
    {
        public void Run() => scheduler.TryExecuteTask(task);

        public void Execute() => Run();
    }
}
