using Akka.Actor;
using Akka.Event;
using ActorPool.Child;
using static ActorPool.Execution.ExecutionProtocol;

namespace ActorPool.Tests.Unit;

public sealed class UndeliveredTasksTests : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public void RunTasksThatBecameDeadLetters_GoBackToTheirSender_AsUndelivered()
    {
        UndeliveredTasksActor.Start((ExtendedActorSystem)Sys);
        var supervisor = CreateTestProbe();
        var stopped = Sys.ActorOf(Props.Empty);
        Watch(stopped);
        Sys.Stop(stopped);
        ExpectTerminated(stopped);

        // What a stopped runner's cell does with what reaches it: a dead letter, with the supervisor as its sender.
        stopped.Tell(new RunTasks([new RunTask(7, []), new RunTask(8, [])]), supervisor.Ref);
        stopped.Tell(new CancelTask(9), supervisor.Ref);

        var handedBack = supervisor.ExpectMsg<TasksFinished>();
        Assert.Equal([7L, 8L], handedBack.Outcomes.Select(o => Assert.IsType<TaskUndelivered>(o).TaskId));
        supervisor.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
