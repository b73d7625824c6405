using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;
using ActorPool.Launch;

namespace ActorPool.Tests.Support;

/// <summary>
/// Children without processes, for the supervisor's unit tests: a test says when each one has "launched" (its runners
/// are then deployed into the test's own ActorSystem) and when it "exits".
/// </summary>
internal sealed class FakeLauncher : IChildLauncher
{
    private readonly BlockingCollection<FakeChild> _started = [];

    public IChildHandle Start(int childId, ChildBootstrap bootstrap, IActorRef owner)
    {
        var child = new FakeChild(childId, owner);
        _started.Add(child);
        return child;
    }

    /// <summary>The next child the supervisor starts, once it has.</summary>
    public FakeChild NextStarted(TimeSpan? limit = null) =>
        _started.TryTake(out var child, limit ?? TimeSpan.FromSeconds(10))
            ? child
            : throw new TimeoutException("The supervisor started no further child.");

    /// <summary>Whether the supervisor started a child that no test has taken with <see cref="NextStarted"/>.</summary>
    public bool AnyStarted => _started.Count > 0;
}

internal sealed class FakeChild(int childId, IActorRef owner) : IChildHandle
{
    private IActorRef _owner = owner;
    private int _exited;

    public int ChildId { get; } = childId;

    public int Pid { get; } = 1_000_000 + childId;

    public bool HasExited => Volatile.Read(ref _exited) != 0;

    public bool Killed { get; private set; }

    public bool ExitRequested { get; private set; }

    public string RecentErrorOutput { get; set; } = "";

    /// <summary>The child's ActorSystem listens at <paramref name="address"/>: the supervisor deploys its runners there.</summary>
    public void Launch(Address address) => _owner.Tell(new ChildLaunched(ChildId, address, 1));

    /// <summary>The process ends by itself with <paramref name="code"/>.</summary>
    public void Exit(int code)
    {
        if (Interlocked.Exchange(ref _exited, 1) == 0)
            _owner.Tell(new ChildExited(ChildId, code));
    }

    public void Attach(IActorRef owner, ILoggingAdapter log) => _owner = owner;

    public void RequestExit()
    {
        ExitRequested = true;
        Exit(0);
    }

    public void Kill()
    {
        Killed = true;
        Exit(128 + 9);
    }

    public void Dispose()
    {
    }
}
