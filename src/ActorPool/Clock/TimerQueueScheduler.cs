using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace ActorPool.Clock;

/// <summary>
/// Akka's scheduler on .NET's own timer queue: each scheduled item arms a timer of its own, so an ActorSystem with
/// nothing due sleeps. Akka's default, <see cref="HashedWheelTimerScheduler"/>, wakes every
/// <c>akka.scheduler.tick-duration</c> (10 ms) whether anything is due or not, and each wake-up left thread-pool
/// workers spinning: most of what an idle child and an idle parent spent.
/// </summary>
/// <remarks>
/// The same contract as Akka's: actions run on the thread pool and their exceptions are logged; a repeated item runs
/// again <c>interval</c> after its previous run ended, never twice at once, and not after a run that threw; after
/// <see cref="Dispose"/>, what is still pending runs once and new items are refused. An item never runs before its
/// delay, and runs within the timer queue's resolution after it rather than on the next 10 ms tick; a negative delay is
/// due at once. Items due at the same time may run in any order (each fires on its own; nothing in Akka or ActorPool
/// relies on the order). Scheduled messages reach actors as they are, without the wrapper Akka adds for telemetry
/// filters.
/// </remarks>
internal sealed class TimerQueueScheduler : SchedulerBase, IDateTimeOffsetNowTimeProvider, IDisposable
{
    // One origin for the process, as Akka's own clock has, so that the clocks of two ActorSystems compare.
    private static readonly long s_origin = Stopwatch.GetTimestamp();

    private readonly ConcurrentDictionary<ScheduledItem, byte> _pending = new();
    private int _stopped;

    /// <summary>Called by Akka for <c>akka.scheduler.implementation</c>.</summary>
    public TimerQueueScheduler(Config scheduler, ILoggingAdapter log) : this(scheduler, log, TimeSpan.FromMilliseconds(uint.MaxValue - 1))
    {
    }

    /// <param name="scheduler">The system's configuration.</param>
    /// <param name="log">Where failing actions are logged.</param>
    /// <param name="longestArm">The longest a timer is armed for at once (a .NET timer takes at most 0xfffffffe ms); tests shorten it.</param>
    internal TimerQueueScheduler(Config scheduler, ILoggingAdapter log, TimeSpan longestArm) : base(scheduler, log)
    {
        LongestArm = longestArm;
    }

    internal TimeSpan LongestArm { get; }

    /// <summary>Items armed and not yet finished (a cancelled item leaves at once).</summary>
    internal int PendingCount => _pending.Count;

    internal bool IsStopped => Volatile.Read(ref _stopped) != 0;

    protected override DateTimeOffset TimeNow => DateTimeOffset.UtcNow;

    public override TimeSpan MonotonicClock => Stopwatch.GetElapsedTime(s_origin);

    public override TimeSpan HighResMonotonicClock => MonotonicClock;

    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(delay, TimeSpan.Zero, new ScheduledTell(receiver, message, sender), cancelable);

    protected override void InternalScheduleTellRepeatedly(
        TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(initialDelay, interval, new ScheduledTell(receiver, message, sender), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Schedule(delay, TimeSpan.Zero, new ActionRunnable(action), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Schedule(delay, TimeSpan.Zero, action, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, new ActionRunnable(action), cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action, cancelable);

    /// <summary>Runs once each item still pending (as Akka's scheduler does when its system terminates), then refuses new ones.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return;
        foreach (var item in _pending.Keys)
            item.RunAtShutdown();
        _pending.Clear();
    }

    /// <returns>False when the action threw: like Akka's scheduler, a repeated item that fails is not run again.</returns>
    internal bool Run(IRunnable action)
    {
        try
        {
            action.Run();
            return true;
        }
        catch (SchedulerException)
        {
            // A tell to an actor of a system that is terminating.
            return false;
        }
        catch (Exception ex)
        {
            try
            {
                Log.Error(ex, "Error while executing scheduled task {0}", action);
            }
            catch
            {
                // Nothing may escape onto a timer thread: it would end the process.
            }
            return false;
        }
    }

    internal void Forget(ScheduledItem item) => _pending.TryRemove(item, out _);

    private void Schedule(TimeSpan delay, TimeSpan interval, IRunnable action, ICancelable? cancelable)
    {
        if (IsStopped)
            throw new SchedulerException("cannot enqueue after timer shutdown");
        if (cancelable is { IsCancellationRequested: true })
            return;
        var item = new ScheduledItem(this, action, interval, cancelable);
        _pending.TryAdd(item, 0);
        try
        {
            item.Start(delay);
        }
        catch
        {
            item.Finish();
            throw;
        }
    }

    private sealed class ScheduledTell(ICanTell receiver, object message, IActorRef sender) : IRunnable
    {
        public void Run() => receiver.Tell(message, sender);

        public void Execute() => Run();

        public override string ToString() => $"[{receiver}.Tell({message}, {sender})]";
    }
}
