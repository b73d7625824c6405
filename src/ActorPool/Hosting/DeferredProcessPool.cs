using Akka.Actor;

namespace ActorPool.Hosting;

/// <summary>
/// The pool a host gives out before it has started it: dependency injection makes its consumers before the host
/// starts anything, and the pool starts with the host. Every call goes to the started pool; one made before the
/// host started it, or after the host stopped, fails with <see cref="InvalidOperationException"/> saying so.
/// The task methods are written at build time by ActorPool.Generators.
/// </summary>
internal sealed partial class DeferredProcessPool(string name) : IProcessPool
{
    private ProcessPool? _pool;
    private int _stopped;

    public string Name => name;

    /// <summary>The started pool, once the host has started it.</summary>
    public ProcessPool? Pool => Volatile.Read(ref _pool);

    public IActorRef Router => Started.Router;

    public PoolHealth Health =>
        Pool?.Health
        ?? new PoolHealth(PoolHealthStatus.Unhealthy, Volatile.Read(ref _stopped) == 1 ? $"The pool '{name}' has stopped with its host." : $"The pool '{name}' starts with the host; it has not started yet.", 0, 0, 0, 0, null);

    public IReadOnlyList<int> ChildPids => Pool?.ChildPids ?? [];

    private ProcessPool Started =>
        Pool ?? throw new InvalidOperationException(Volatile.Read(ref _stopped) == 1
            ? $"The pool '{name}' has stopped with its host."
            : $"The pool '{name}' starts with the host and has not started yet: call it once the host has started (register AddActorPool before the hosted services that use the pool as they start).");

    /// <summary>The host started the pool: calls go to it from now on.</summary>
    public void Attach(ProcessPool pool)
    {
        if (Interlocked.CompareExchange(ref _pool, pool, null) is not null)
            throw new InvalidOperationException($"The pool '{name}' was started already.");
    }

    /// <summary>The host stops the pool: calls fail from now on, and the pool is disposed.</summary>
    public async ValueTask StopAsync()
    {
        Volatile.Write(ref _stopped, 1);
        if (Interlocked.Exchange(ref _pool, null) is { } pool)
            await pool.DisposeAsync().ConfigureAwait(false);
    }

    public void Close() => Started.Close();

    public void Terminate() => Started.Terminate();

    public Task JoinAsync() => Started.JoinAsync();

    /// <summary>The service provider that made it is disposed: the pool stops, if the host did not stop it already.</summary>
    public ValueTask DisposeAsync() => StopAsync();
}
