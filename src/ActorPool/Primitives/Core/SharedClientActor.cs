using Akka.Actor;
using ActorPool.Batching;
using static ActorPool.Primitives.Core.SharedProtocol;

namespace ActorPool.Primitives.Core;

/// <summary>
/// The one client of shared objects in this process. Calls made in the same moment travel to each object as
/// one <see cref="Requests"/> batch; each reply completes its caller's task. The client watches every object
/// it calls, so a call never hangs on an object whose process died: it fails with <see cref="SharedObjectLostException"/>.
/// </summary>
internal sealed class SharedClientActor : ReceiveActor
{
    public const string Name = "shared-client";

    private readonly Dictionary<long, Call> _pending = new();
    private readonly Batches<Request> _outgoing = new(requests => new Requests(requests));
    private readonly Dictionary<ActorPath, IActorRef> _watched = new();
    private readonly Dictionary<ActorPath, string> _lost = new();
    private readonly AfterMailbox _flush;

    public SharedClientActor()
    {
        // Sent once the calls already in the mailbox are queued, so that calls made together travel together.
        _flush = new AfterMailbox(Self, FlushNow.Instance);
        Receive<Call>(OnCall);
        Receive<CancelCall>(OnCancel);
        Receive<Replies>(OnReplies);
        Receive<Terminated>(t => Lose(t.ActorRef.Path, t.AddressTerminated));
        Receive<ProcessGone>(OnProcessGone);
        Receive<FlushNow>(_ =>
        {
            _flush.Arrived();
            _outgoing.SendAll(Self);
        });
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new SharedClientActor());

    /// <summary>A caller's operation on the object at <paramref name="Target"/>; <paramref name="Completion"/> gets its outcome.</summary>
    public sealed record Call(long Id, IActorRef Target, ISharedOp Op, TaskCompletionSource<object?> Completion);

    /// <summary>The caller of call <paramref name="Id"/> cancelled; the object decides whether it still can be.</summary>
    public sealed record CancelCall(long Id);

    private sealed record FlushNow
    {
        public static readonly FlushNow Instance = new();
    }

    private void OnCall(Call call)
    {
        if (_lost.TryGetValue(call.Target.Path, out var why))
        {
            call.Completion.TrySetException(new SharedObjectLostException(why));
            return;
        }
        if (!_watched.ContainsKey(call.Target.Path))
        {
            _watched[call.Target.Path] = call.Target;
            Context.Watch(call.Target);
        }
        _pending[call.Id] = call;
        Enqueue(call.Target, new Request(call.Id, call.Op));
    }

    private void OnCancel(CancelCall cancel)
    {
        if (_pending.TryGetValue(cancel.Id, out var call))
            Enqueue(call.Target, new Request(0, new Cancel(cancel.Id)));
    }

    private void OnReplies(Replies replies)
    {
        List<long>? acks = null;
        IActorRef? target = null;
        foreach (var reply in replies.Items)
        {
            if (!_pending.Remove(reply.Id, out var call))
                continue;
            if (reply.Acknowledge)
            {
                (acks ??= new List<long>()).Add(reply.Id);
                target = call.Target;
            }
            Complete(call.Completion, reply);
        }
        if (acks is not null)
            Enqueue(target!, new Request(0, new Ack(acks)));
    }

    private static void Complete(TaskCompletionSource<object?> completion, Reply reply)
    {
        if (reply.Cancelled)
            completion.TrySetCanceled();
        else if (reply.Error is { } error)
            completion.TrySetException(error);
        else
            completion.TrySetResult(reply.Value);
    }

    private void OnProcessGone(ProcessGone gone)
    {
        foreach (var (path, target) in _watched.Where(w => w.Key.Address.Equals(gone.Address)).ToList())
        {
            Context.Unwatch(target);
            Lose(path, processGone: true);
        }
    }

    private void Lose(ActorPath path, bool processGone)
    {
        if (!_watched.Remove(path, out var target))
            return;
        var why = SharedObjectLostException.Reason(path, processGone);
        _lost[path] = why;
        _outgoing.Drop(target);
        foreach (var (id, call) in _pending.Where(p => p.Value.Target.Path.Equals(path)).ToList())
        {
            _pending.Remove(id);
            call.Completion.TrySetException(new SharedObjectLostException(why));
        }
    }

    private void Enqueue(IActorRef target, Request request)
    {
        _outgoing.Add(target, request);
        _flush.Request();
    }
}
