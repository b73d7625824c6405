using Akka.Actor;
using static ActorPool.Primitives.Core.SharedProtocol;

namespace ActorPool.Primitives.Core;

/// <summary>One call waiting in a shared object: the client actor of the calling process and the call's id.</summary>
internal readonly record struct Caller(IActorRef Client, long Id);

/// <summary>What a shared object's state may do besides changing itself: answer calls and talk to clients.</summary>
internal interface ISharedContext
{
    /// <summary>Answers a call; with <paramref name="acknowledge"/>, the value is an item the state keeps until <see cref="ISharedState.Acknowledged"/>.</summary>
    void Reply(Caller caller, object? value, bool acknowledge = false);

    void Fail(Caller caller, Exception error);

    void Cancelled(Caller caller);

    /// <summary>Sends a message to a client outside the reply batch (a lock's revocation).</summary>
    void Send(IActorRef client, object message);
}

/// <summary>
/// The state and rules of one kind of shared object. <see cref="SharedObjectActor"/> hosts it: it watches
/// every client that calls, batches replies, and routes cancellations, acknowledgements and deaths here.
/// </summary>
internal interface ISharedState
{
    void Handle(Caller caller, ISharedOp op, ISharedContext context);

    /// <summary>The caller gave up; answer with <see cref="ISharedContext.Cancelled"/> if it still waits, else nothing.</summary>
    void Cancel(Caller caller, ISharedContext context);

    /// <summary>The items sent to these callers arrived.</summary>
    void Acknowledged(IActorRef client, IReadOnlyList<long> ids) { }

    /// <summary>The client's process is gone (or its client stopped): drop its waiters, take back what it held.</summary>
    void ClientLost(IActorRef client, ISharedContext context);
}
