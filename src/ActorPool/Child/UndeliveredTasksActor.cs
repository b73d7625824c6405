using Akka.Actor;
using Akka.Event;
using static ActorPool.Execution.ExecutionProtocol;

namespace ActorPool.Child;

/// <summary>
/// Hands back to the supervisor the tasks it placed on a runner of this child that had just been stopped (its
/// SupervisorStrategy said Stop before the supervisor heard the runner was gone): they would otherwise wait forever,
/// and so would the child's graceful exit. The supervisor places them again; they never ran, so they cost no attempt
/// and do not count against the child's MaxTasksPerChild.
/// </summary>
internal sealed class UndeliveredTasksActor : UntypedActor
{
    public const string Name = "undelivered-tasks";

    /// <summary>An actor subscribed to the dead letters of <paramref name="system"/>.</summary>
    public static IActorRef Start(ExtendedActorSystem system)
    {
        var actor = system.SystemActorOf(Props.Create<UndeliveredTasksActor>(), Name);
        system.EventStream.Subscribe(actor, typeof(DeadLetter));
        return actor;
    }

    protected override void OnReceive(object message)
    {
        if (message is DeadLetter { Message: RunTasks run } letter && !letter.Sender.IsNobody())
            letter.Sender.Tell(new TasksFinished([.. run.Tasks.Select(task => (TaskOutcome)new TaskUndelivered(task.TaskId))]));
    }
}
