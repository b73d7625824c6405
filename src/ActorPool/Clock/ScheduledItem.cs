using System.Diagnostics;
using Akka.Actor;
using Akka.Dispatch;

namespace ActorPool.Clock;

/// <summary>One item of <see cref="TimerQueueScheduler"/>, with its own .NET timer.</summary>
internal sealed class ScheduledItem
{
    private const int Armed = 0;
    private const int Running = 1;
    private const int Done = 2;

    // Delays beyond this never come due (Akka accepts TimeSpan.MaxValue), and keep the arithmetic below from overflowing.
    private static readonly TimeSpan Never = TimeSpan.FromDays(365 * 100);

    private readonly TimerQueueScheduler _scheduler;
    private readonly IRunnable _action;
    private readonly TimeSpan _interval;
    private readonly ICancelable? _cancelable;
    private readonly Timer _timer;
    private CancellationTokenRegistration _registration;
    private long _dueTimestamp;
    private int _state = Armed;

    public ScheduledItem(TimerQueueScheduler scheduler, IRunnable action, TimeSpan interval, ICancelable? cancelable)
    {
        _scheduler = scheduler;
        _action = action;
        _interval = interval;
        _cancelable = cancelable;
        // The callback must not run in the scheduling caller's ExecutionContext: its async-locals (an Activity, a
        // logging scope) are not the timer's, and would be kept alive as long as the item.
        if (ExecutionContext.IsFlowSuppressed())
            _timer = new Timer(static state => ((ScheduledItem)state!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
        else
        {
            using (ExecutionContext.SuppressFlow())
                _timer = new Timer(static state => ((ScheduledItem)state!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
        }
    }

    public void Start(TimeSpan delay)
    {
        // A cancelled item gives its timer back at once instead of waiting for its due time. A Cancelable that was
        // disposed without being cancelled cannot be listened to any more; its item runs, as with Akka's scheduler.
        if (_cancelable is not null)
        {
            try
            {
                _registration = _cancelable.Token.UnsafeRegister(static state => ((ScheduledItem)state!).Cancel(), this);
            }
            catch (ObjectDisposedException)
            {
            }
        }
        Arm(delay);
    }

    /// <summary>At the scheduler's shutdown: runs the item once if it is waiting (and not cancelled), and ends it.</summary>
    public void RunAtShutdown()
    {
        if (Interlocked.CompareExchange(ref _state, Done, Armed) != Armed)
            return; // running now: it ends itself after its run
        Release();
        if (!IsCancelled)
            _scheduler.Run(_action);
    }

    private bool IsCancelled => _cancelable is { IsCancellationRequested: true };

    private void Arm(TimeSpan delay)
    {
        _dueTimestamp = delay >= Never
            ? long.MaxValue
            : Stopwatch.GetTimestamp() + (long)(Math.Max(0, delay.TotalSeconds) * Stopwatch.Frequency);
        WaitFor(delay);
    }

    /// <summary>Arms the timer of an item in state <see cref="Armed"/>.</summary>
    private void WaitFor(TimeSpan delay)
    {
        var milliseconds = Math.Clamp(Math.Ceiling(delay.TotalMilliseconds), 0, _scheduler.LongestArm.TotalMilliseconds);
        try
        {
            _timer.Change(TimeSpan.FromMilliseconds(milliseconds), Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Cancelled or shut down meanwhile.
        }
        // A cancel or a shutdown that came while the item was running found nothing armed to end: end it now.
        if (IsCancelled)
            Cancel();
        else if (_scheduler.IsStopped)
            RunAtShutdown();
    }

    private void Fire()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Armed) != Armed)
            return;
        if (IsCancelled)
        {
            Finish();
            return;
        }
        if (_scheduler.IsStopped)
        {
            // Shutting down: Dispose runs what is pending once, and this item is one of them.
            Finish();
            _scheduler.Run(_action);
            return;
        }
        // The timer queue counts whole milliseconds of a coarse clock (a step of a few ms on Linux, ~15.6 ms on
        // Windows) and may fire a little early; and a delay longer than one timer takes is waited out in steps.
        if (_dueTimestamp - Stopwatch.GetTimestamp() is > 0 and var remaining)
        {
            Volatile.Write(ref _state, Armed);
            WaitFor(_dueTimestamp == long.MaxValue ? _scheduler.LongestArm : TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency));
            return;
        }
        if (_scheduler.Run(_action) && _interval > TimeSpan.Zero && !IsCancelled && !_scheduler.IsStopped)
        {
            Volatile.Write(ref _state, Armed);
            Arm(_interval);
        }
        else
            Finish();
    }

    private void Cancel()
    {
        if (Interlocked.CompareExchange(ref _state, Done, Armed) == Armed)
            Release();
        // A running item sees the cancellation when its run ends.
    }

    /// <summary>Ends the item: it does not run (again).</summary>
    public void Finish()
    {
        Volatile.Write(ref _state, Done);
        Release();
    }

    private void Release()
    {
        _timer.Dispose();
        _registration.Dispose();
        _scheduler.Forget(this);
    }
}
