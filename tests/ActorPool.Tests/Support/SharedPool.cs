namespace ActorPool.Tests.Support;

/// <summary>
/// One pool for every test of a class (an xunit class fixture), for tests that only run tasks on it: its children
/// start once, and the fixture checks at the end, as <see cref="TestPool"/> does, that none outlives it.
/// </summary>
public abstract class SharedPool : IAsyncLifetime
{
    private TestPool? _scope;

    public ProcessPool Pool => _scope?.Pool ?? throw new InvalidOperationException("The shared pool has not started.");

    protected abstract PoolOptions Options { get; }

    public async Task InitializeAsync() => _scope = await TestPool.StartAsync(Options);

    public async Task DisposeAsync()
    {
        if (_scope is not null)
            await _scope.DisposeAsync();
    }
}

/// <summary>One child, default concurrency.</summary>
public sealed class OneChildPool : SharedPool
{
    protected override PoolOptions Options => new() { Processes = 1 };
}

/// <summary>Two children, default concurrency.</summary>
public sealed class TwoChildPool : SharedPool
{
    protected override PoolOptions Options => new() { Processes = 2 };
}

/// <summary>Two children, four tasks each at once: enough for ordering and windowing to show.</summary>
public sealed class NarrowTwoChildPool : SharedPool
{
    protected override PoolOptions Options => new() { Processes = 2, ChildConcurrency = 4 };
}
