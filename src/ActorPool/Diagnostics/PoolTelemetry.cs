using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ActorPool.Diagnostics;

/// <summary>
/// A pool's instruments, on the <c>ActorPool</c> meter: tasks submitted and completed by outcome, their duration as
/// measured in the child, tasks queued and in flight, child starts and exits by reason, and each child's resident
/// memory. Every measurement carries the pool's name (<c>actorpool.pool.name</c>), so pools of one process stay apart.
/// </summary>
internal sealed class PoolTelemetry
{
    /// <summary>The name of ActorPool's <see cref="Meter"/> and <see cref="ActivitySource"/>.</summary>
    public const string Name = "ActorPool";

    private static readonly string? s_version = typeof(PoolTelemetry).Assembly.GetName().Version?.ToString(3);

    // The meter of pools made without an IMeterFactory. Instruments are cached by the meter, so many pools share them.
    private static readonly Meter s_meter = new(Name, s_version);

    // Seconds, from a millisecond no-op to a long batch job (the SDK's default buckets are for milliseconds).
    private static readonly InstrumentAdvice<double> s_durationAdvice = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    };

    private readonly KeyValuePair<string, object?> _pool;
    private readonly Counter<long> _submitted;
    private readonly Counter<long> _completed;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _queued;
    private readonly UpDownCounter<long> _inFlight;
    private readonly Counter<long> _childStarts;
    private readonly Counter<long> _childExits;
    private readonly Gauge<long> _childMemory;
    private long _lastQueued;
    private long _lastInFlight;

    /// <summary>Spans of tasks: <c>actorpool.task</c> in the caller's process, <c>actorpool.task.run</c> in the child.</summary>
    public static ActivitySource Source { get; } = new(Name, s_version);

    public PoolTelemetry(string poolName, IMeterFactory? meterFactory)
    {
        PoolName = poolName;
        _pool = new("actorpool.pool.name", poolName);
        var meter = meterFactory?.Create(Name, s_version) ?? s_meter;
        _submitted = meter.CreateCounter<long>("actorpool.task.submitted", "{task}", "Tasks given to the pool (ApplyAsync and the Map family).");
        _completed = meter.CreateCounter<long>("actorpool.task.completed", "{task}", "Tasks that ended, by actorpool.task.outcome.");
        _duration = meter.CreateHistogram(
            "actorpool.task.duration", "s", "How long task functions ran, measured in the child.", tags: null, s_durationAdvice);
        _queued = meter.CreateUpDownCounter<long>("actorpool.task.queued", "{task}", "Tasks waiting for room in a child.");
        _inFlight = meter.CreateUpDownCounter<long>("actorpool.task.in_flight", "{task}", "Tasks placed on a child and not yet ended.");
        _childStarts = meter.CreateCounter<long>("actorpool.child.started", "{process}", "Child processes started.");
        _childExits = meter.CreateCounter<long>("actorpool.child.exited", "{process}", "Child processes that exited, by actorpool.child.exit_reason.");
        _childMemory = meter.CreateGauge<long>(
            "actorpool.child.memory.usage", "By", "Resident memory of each child, by actorpool.child.slot (a small number a new child takes over from one that left).");
    }

    public string PoolName { get; }

    public void TaskSubmitted() => _submitted.Add(1, _pool);

    public void TaskCompleted(string outcome) => _completed.Add(1, _pool, new("actorpool.task.outcome", outcome));

    /// <summary>A function ran in a child for <paramref name="duration"/>; <paramref name="outcome"/> is ok, error or cancelled.</summary>
    public void TaskRan(TimeSpan duration, string outcome)
    {
        if (_duration.Enabled)
            _duration.Record(duration.TotalSeconds, _pool, new("actorpool.task.outcome", outcome));
    }

    /// <summary>The supervisor's counts now; the up-down counters move by the change since the last call.</summary>
    public void TasksNow(long queued, long inFlight)
    {
        if (queued != _lastQueued)
        {
            _queued.Add(queued - _lastQueued, _pool);
            _lastQueued = queued;
        }
        if (inFlight != _lastInFlight)
        {
            _inFlight.Add(inFlight - _lastInFlight, _pool);
            _lastInFlight = inFlight;
        }
    }

    public void ChildStarted() => _childStarts.Add(1, _pool);

    public void ChildExited(string reason) => _childExits.Add(1, _pool, new("actorpool.child.exit_reason", reason));

    /// <summary>True when something listens to child memory, which is read from /proc only then.</summary>
    public bool MeasuresMemory => _childMemory.Enabled;

    public void ChildMemory(int slot, long bytes) => _childMemory.Record(bytes, _pool, new("actorpool.child.slot", slot));
}
