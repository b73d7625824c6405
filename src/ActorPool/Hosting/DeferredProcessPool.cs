using Akka.Actor;

namespace ActorPool.Hosting;

/// <summary>
/// The pool a host gives out before it has started it: dependency injection makes its consumers before the host
/// starts anything, and the pool starts with the host. Calls go to the started pool; a task method, Router, Close,
/// Terminate or JoinAsync used before the host started it, or after the host stopped it, throws
/// <see cref="InvalidOperationException"/> saying so, while <see cref="Health"/> (unhealthy, with why) and
/// <see cref="ChildPids"/> (empty) answer. The task methods are written at build time by ActorPool.Generators.
/// </summary>
internal sealed partial class DeferredProcessPool(string name) : IProcessPool
{
    private readonly object _gate = new();
    private ProcessPool? _pool;
    private Task? _stopping;

    public string Name => name;

    /// <summary>The started pool, once the host has started it and until it stops it.</summary>
    public ProcessPool? Pool => Volatile.Read(ref _pool);

    public IActorRef Router => Started.Router;

    public PoolHealth Health =>
        Pool?.Health ?? new PoolHealth(PoolHealthStatus.Unhealthy, NotRunning, 0, 0, 0, 0, null);

    public IReadOnlyList<int> ChildPids => Pool?.ChildPids ?? [];

    private ProcessPool Started => Pool ?? throw new InvalidOperationException(NotRunning);

    private string NotRunning
    {
        get
        {
            lock (_gate)
            {
                return _stopping is not null
                    ? $"The pool '{name}' has stopped with its host."
                    : $"The pool '{name}' starts with the host and has not started yet: call it once the host has started (register AddActorPool before the hosted services that use the pool as they start).";
            }
        }
    }

    /// <summary>The host started the pool: calls go to it from now on. A pool started as the host stopped is disposed at once.</summary>
    /// <exception cref="InvalidOperationException">The pool was started already, or the host stopped meanwhile.</exception>
    public async Task AttachAsync(ProcessPool pool)
    {
        lock (_gate)
        {
            if (_stopping is null && _pool is null)
            {
                Volatile.Write(ref _pool, pool);
                return;
            }
        }
        await pool.DisposeAsync().ConfigureAwait(false);
        throw new InvalidOperationException($"The pool '{name}' was started when it was started already or its host had stopped; it is disposed.");
    }

    /// <summary>The host stops the pool: calls fail from now on, and the pool is disposed. Every caller waits for the same disposal.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            if (_stopping is null)
            {
                var pool = _pool;
                Volatile.Write(ref _pool, null);
                _stopping = pool is null ? Task.CompletedTask : pool.DisposeAsync().AsTask();
            }
            return _stopping;
        }
    }

    public void Close() => Started.Close();

    public void Terminate() => Started.Terminate();

    public Task JoinAsync() => Started.JoinAsync();

    /// <summary>The service provider that made it is disposed: the pool stops, if the host did not stop it already, and this waits for that.</summary>
    public ValueTask DisposeAsync() => new(StopAsync());
}
