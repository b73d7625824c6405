using Akka.Actor;

namespace ActorPool;

/// <summary>
/// A pool of child processes that run task functions: what <see cref="ProcessPool"/> offers, as an interface for code
/// that is given a pool (through dependency injection, for example) and for tests that give it a fake one.
/// </summary>
/// <remarks>
/// The task methods (<c>ApplyAsync</c>, <c>Map</c>, <c>MapUnordered</c>, <c>StarMap</c>) are the same overloads as
/// <see cref="ProcessPool"/>'s, written at build time by ActorPool.Generators.
/// </remarks>
public partial interface IProcessPool : IAsyncDisposable
{
    /// <inheritdoc cref="ProcessPool.Router"/>
    IActorRef Router { get; }

    /// <inheritdoc cref="ProcessPool.Health"/>
    PoolHealth Health { get; }

    /// <inheritdoc cref="ProcessPool.ChildPids"/>
    IReadOnlyList<int> ChildPids { get; }

    /// <inheritdoc cref="ProcessPool.Close"/>
    void Close();

    /// <inheritdoc cref="ProcessPool.Terminate"/>
    void Terminate();

    /// <inheritdoc cref="ProcessPool.JoinAsync"/>
    Task JoinAsync();
}
