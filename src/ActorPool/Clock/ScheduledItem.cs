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

    // System.Threading.Timer takes at most 0xfffffffe ms; a longer delay is armed in steps.
    private static readonly TimeSpan LongestArm = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

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
        // A cancelled item gives its timer back at once instead of waiting for its due time.
        if (_cancelable is not null)
            _registration = _cancelable.Token.UnsafeRegister(static state => ((ScheduledItem)state!).Cancel(), this);
        Arm(delay);
    }

    /// <summary>At the scheduler's shutdown: runs the item once if it is waiting (and not cancelled), and ends it.</summary>
    public void RunAtShutdown()
    {
        if (Interlocked.CompareExchange(ref _state, Done, Armed) != Armed)
            return;
        Release();
        if (!IsCancelled)
            _scheduler.Run(_action);
    }

    private bool IsCancelled => _cancelable is { IsCancellationRequested: true };

    private void Arm(TimeSpan delay)
    {
        if (delay > LongestArm)
        {
            _dueTimestamp = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
            delay = LongestArm;
        }
        else
            _dueTimestamp = 0;
        try
        {
            // The timer counts whole milliseconds and truncates; rounding up keeps an item from firing before its delay.
            _timer.Change(TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds)), Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Cancelled or shut down meanwhile.
        }
    }

    private void Fire()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Armed) != Armed)
            return;
        if (IsCancelled || _scheduler.IsStopped)
        {
            Finish();
            return;
        }
        if (_dueTimestamp != 0 && _dueTimestamp - Stopwatch.GetTimestamp() is > 0 and var remaining)
        {
            Volatile.Write(ref _state, Armed);
            Arm(TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency));
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

    private void Finish()
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
