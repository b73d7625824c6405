using Akka.Actor;
using Akka.Event;
using ActorPool.Batching;
using static ActorPool.Primitives.Core.SharedProtocol;

namespace ActorPool.Primitives.Core;

/// <summary>
/// Hosts one shared object in the process that created it. Calls arrive in batches from the client actor of
/// each calling process; the actor watches every such client, so that when a process dies its waiters are
/// removed and what it held is taken back; replies made while handling one message go out as one batch per client.
/// </summary>
internal sealed class SharedObjectActor : ReceiveActor, ISharedContext
{
    private readonly ISharedState _state;
    // Keyed by path: a Terminated may carry a reference that differs from the senders' in its uid.
    private readonly Dictionary<ActorPath, IActorRef> _clients = new();
    private readonly Batches<Reply> _outgoing = new(replies => new Replies(replies));
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public SharedObjectActor(ISharedState state)
    {
        _state = state;
        Receive<Requests>(OnRequests);
        Receive<Terminated>(t => Lose(t.ActorRef.Path));
        Receive<ProcessGone>(OnProcessGone);
    }

    public static Props Props(ISharedState state) => Akka.Actor.Props.Create(() => new SharedObjectActor(state));

    private void OnRequests(Requests requests)
    {
        if (!_clients.TryGetValue(Sender.Path, out var client))
        {
            _clients[Sender.Path] = client = Sender;
            Context.Watch(client);
        }
        foreach (var request in requests.Items)
        {
            var caller = new Caller(client, request.Id);
            switch (request.Op)
            {
                case Cancel cancel:
                    _state.Cancel(caller with { Id = cancel.Target }, this);
                    break;
                case Ack ack:
                    _state.Acknowledged(client, ack.Targets);
                    break;
                default:
                    Handle(caller, request.Op);
                    break;
            }
        }
        _outgoing.SendAll(Self);
    }

    private void Handle(Caller caller, ISharedOp op)
    {
        try
        {
            _state.Handle(caller, op, this);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bad argument (an item the state could not read) fails its own call, not the object.
            _log.Debug("Call {0} on {1} failed: {2}", caller.Id, Self.Path.Name, e.Message);
            Fail(caller, e);
        }
    }

    private void OnProcessGone(ProcessGone gone)
    {
        foreach (var path in _clients.Keys.Where(p => p.Address.Equals(gone.Address)).ToList())
        {
            Context.Unwatch(_clients[path]);
            Lose(path);
        }
    }

    private void Lose(ActorPath clientPath)
    {
        if (!_clients.Remove(clientPath, out var client))
            return;
        _outgoing.Drop(client);
        _state.ClientLost(client, this);
        _outgoing.SendAll(Self);
    }

    public void Reply(Caller caller, object? value, bool acknowledge = false) =>
        Add(caller.Client, new Reply(caller.Id, value, Acknowledge: acknowledge));

    public void Fail(Caller caller, Exception error) => Add(caller.Client, new Reply(caller.Id, Error: error));

    public void Cancelled(Caller caller) => Add(caller.Client, new Reply(caller.Id, Cancelled: true));

    /// <summary>Sends after the replies already made for <paramref name="client"/>, keeping their order.</summary>
    public void Send(IActorRef client, object message)
    {
        _outgoing.SendTo(client, Self);
        client.Tell(message, Self);
    }

    private void Add(IActorRef client, Reply reply)
    {
        if (!_clients.ContainsKey(client.Path))
            return;
        _outgoing.Add(client, reply);
    }
}
