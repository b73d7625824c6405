using System.Diagnostics;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Configuration;
using ActorPool.Clock;
using ActorPool.Configuration;

namespace ActorPool.Tests.Unit;

public sealed class TimerQueueSchedulerTests() : Akka.TestKit.Xunit2.TestKit(Scheduled)
{
    private const string Scheduled = """akka.scheduler.implementation = "ActorPool.Clock.TimerQueueScheduler, ActorPool" """;

    private IScheduler Scheduler => Sys.Scheduler;

    private TimerQueueScheduler Queue => Assert.IsType<TimerQueueScheduler>(Sys.Scheduler);

    [Fact]
    public void PoolsAndTheirChildren_UseItByDefault() =>
        Assert.Equal(
            "ActorPool.Clock.TimerQueueScheduler, ActorPool",
            PoolConfig.Merge(ConfigurationFactory.Empty).GetString("akka.scheduler.implementation"));

    [Fact]
    public void TellOnce_ArrivesNotBeforeItsDelay_ThenLeavesNothingArmed()
    {
        var before = Queue.PendingCount;
        var clock = Stopwatch.StartNew();
        Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(300), TestActor, "due", ActorRefs.NoSender);

        ExpectMsg("due", TimeSpan.FromSeconds(10));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"arrived after {clock.Elapsed.TotalMilliseconds} ms");
        AwaitCondition(() => Queue.PendingCount <= before, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ShortDelays_NeverRunEarly_ThoughTheTimerQueueCountsCoarseMilliseconds()
    {
        var early = new List<string>();
        var runs = Enumerable.Range(1, 40).Select(ms =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clock = Stopwatch.StartNew();
            Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(ms), () =>
            {
                if (clock.Elapsed < TimeSpan.FromMilliseconds(ms))
                    lock (early)
                        early.Add($"{ms} ms after {clock.Elapsed.TotalMilliseconds:F2}");
                done.SetResult();
            });
            return done.Task;
        }).ToList();

        await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Empty(early);
    }

    [Fact]
    public void Cancelled_BeforeItIsDue_NeverArrives_AndGivesItsTimerBackAtOnce()
    {
        var cancelable = new Cancelable(Scheduler);
        var before = Queue.PendingCount;
        Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "cancelled", ActorRefs.NoSender, cancelable);
        Assert.Equal(before + 1, Queue.PendingCount);

        cancelable.Cancel();

        Assert.Equal(before, Queue.PendingCount);
        ExpectNoMsg(TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public void Repeated_ArrivesUntilCancelled()
    {
        var cancelable = new Cancelable(Scheduler);
        Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), TestActor, "tick", ActorRefs.NoSender, cancelable);
        for (var i = 0; i < 5; i++)
            ExpectMsg("tick", TimeSpan.FromSeconds(10));

        cancelable.Cancel();

        // A run already under way when the cancel came may still deliver one.
        AwaitCondition(() => Queue.PendingCount == 0, TimeSpan.FromSeconds(10));
        ReceiveWhile(TimeSpan.FromMilliseconds(100), message => message);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void RepeatedAction_NeverRunsTwiceAtOnce_EvenWhenARunTakesLongerThanTheInterval()
    {
        var (running, overlaps, runs) = (0, 0, 0);
        var cancelable = new Cancelable(Scheduler);
        Scheduler.Advanced.ScheduleRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(1), () =>
        {
            if (Interlocked.Increment(ref running) > 1)
                Interlocked.Increment(ref overlaps);
            var busy = Stopwatch.StartNew();
            while (busy.ElapsedMilliseconds < 5)
                Thread.SpinWait(100);
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref runs);
        }, cancelable);

        AwaitCondition(() => Volatile.Read(ref runs) >= 10, TimeSpan.FromSeconds(20));
        cancelable.Cancel();

        Assert.Equal(0, Volatile.Read(ref overlaps));
    }

    [Fact]
    public void ThrowingAction_IsLogged_AndARepeatedOneIsNotRunAgain_WhileOthersGoOn()
    {
        var runs = 0;
        EventFilter.Exception<InvalidOperationException>("scheduled failure").ExpectOne(() =>
            Scheduler.Advanced.ScheduleRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(10), () =>
            {
                Interlocked.Increment(ref runs);
                throw new InvalidOperationException("scheduled failure");
            }));

        Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(50), TestActor, "still working", ActorRefs.NoSender);
        ExpectMsg("still working", TimeSpan.FromSeconds(10));
        AwaitCondition(() => Queue.PendingCount == 0, TimeSpan.FromSeconds(10));
        Assert.Equal(1, Volatile.Read(ref runs));
    }

    [Fact]
    public async Task Action_DoesNotRunInTheSchedulingCallersExecutionContext()
    {
        var local = new AsyncLocal<string>();
        var seen = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        local.Value = "caller's";

        Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(1), () => seen.TrySetResult(local.Value));

        Assert.Null(await seen.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void DelayLongerThanOneTimerTakes_IsWaitedOutInSteps()
    {
        using var scheduler = new TimerQueueScheduler(Sys.Settings.Config, Sys.Log, longestArm: TimeSpan.FromMilliseconds(20));
        var clock = Stopwatch.StartNew();

        ((IScheduler)scheduler).ScheduleTellOnce(TimeSpan.FromMilliseconds(150), TestActor, "late", ActorRefs.NoSender);

        ExpectMsg("late", TimeSpan.FromSeconds(10));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(150), $"arrived after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void EndlessDelay_IsAccepted_AndCancels()
    {
        var cancelable = new Cancelable(Scheduler);
        var before = Queue.PendingCount;

        Scheduler.ScheduleTellOnce(TimeSpan.MaxValue, TestActor, "never", ActorRefs.NoSender, cancelable);
        Assert.Equal(before + 1, Queue.PendingCount);
        cancelable.Cancel();

        Assert.Equal(before, Queue.PendingCount);
    }

    [Fact]
    public void NegativeDelay_OfTheRunnableOverloads_IsDueAtOnce()
    {
        Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(-5), new ActionRunnable(() => TestActor.Tell("now")));

        ExpectMsg("now", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ActorTimers_ARestartedKeyDeliversOnlyItsLatestMessage()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerUser(TestActor)));

        actor.Tell("start");

        ExpectMsg("second", TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromMilliseconds(600));
    }

    [Fact]
    public void Dispose_RunsWhatIsPendingOnce_SkipsWhatWasCancelled_ThenRefusesNewItems()
    {
        var scheduler = new TimerQueueScheduler(Sys.Settings.Config, Sys.Log);
        var cancelled = new Cancelable((IScheduler)scheduler);
        ((IScheduler)scheduler).ScheduleTellOnce(TimeSpan.FromHours(1), TestActor, "pending", ActorRefs.NoSender);
        ((IScheduler)scheduler).ScheduleTellRepeatedly(TimeSpan.FromHours(1), TimeSpan.FromHours(1), TestActor, "repeated", ActorRefs.NoSender);
        ((IScheduler)scheduler).ScheduleTellOnce(TimeSpan.FromHours(1), TestActor, "cancelled", ActorRefs.NoSender, cancelled);
        cancelled.Cancel();

        scheduler.Dispose();

        Assert.Equal(["pending", "repeated"], ReceiveN(2, TimeSpan.FromSeconds(10)).Cast<string>().Order());
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(0, scheduler.PendingCount);
        Assert.Throws<SchedulerException>(() =>
            ((IScheduler)scheduler).ScheduleTellOnce(TimeSpan.Zero, TestActor, "late", ActorRefs.NoSender));
    }

    private sealed class TimerUser(IActorRef probe) : UntypedActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        protected override void OnReceive(object message)
        {
            if (message is "start")
            {
                Timers.StartSingleTimer("key", "first", TimeSpan.FromMilliseconds(300));
                Timers.StartSingleTimer("key", "second", TimeSpan.FromMilliseconds(50));
            }
            else
                probe.Tell(message);
        }
    }
}
