using Akka.Actor;
using ActorPool.Serialization;

namespace ActorPool.Supervision;

/// <summary>A task the supervisor tracks until it has an outcome: queued, running, or re-run after a crash.</summary>
internal sealed class PendingTask
{
    /// <summary>A task of the pool's own API; its outcome completes <paramref name="completion"/>.</summary>
    /// <param name="id">The pool's id of the task.</param>
    /// <param name="call">The encoded call.</param>
    /// <param name="completion">Completed with the encoded result, or the error.</param>
    /// <param name="traceParent">The caller's W3C trace context, handed to the child; null when the caller is not traced.</param>
    /// <param name="hashKey">The task's consistent-hashing key, or null.</param>
    public PendingTask(long id, byte[] call, TaskCompletionSource<byte[]> completion, string? traceParent = null, object? hashKey = null)
    {
        Id = id;
        Call = call;
        Completion = completion;
        TraceParent = traceParent;
        HashKey = hashKey;
    }

    /// <summary>A call sent to the router that its child could not take; its outcome goes to <paramref name="replyTo"/>.</summary>
    public PendingTask(long id, byte[] call, IActorRef replyTo)
    {
        Id = id;
        Call = call;
        ReplyTo = replyTo;
    }

    public long Id { get; }

    public byte[] Call { get; }

    public string? TraceParent { get; }

    /// <summary>The task's consistent-hashing key (<see cref="PlacementTask.HashKey"/>), or null.</summary>
    public object? HashKey { get; }

    public TaskCompletionSource<byte[]>? Completion { get; }

    public IActorRef? ReplyTo { get; }

    /// <summary>How many times the task has been started in a child.</summary>
    public int Attempts { get; set; }

    /// <summary>The child running it, or null while queued.</summary>
    public int? ChildId { get; set; }

    /// <summary>The number of the child it was last placed on (<see cref="PlacementChild.Number"/>); null until it is placed.</summary>
    public int? LastChild { get; set; }

    /// <summary>The runner it was sent to, or null while queued.</summary>
    public IActorRef? Runner { get; set; }

    /// <summary>Its place in the supervisor's queue, or null when not queued.</summary>
    public LinkedListNode<PendingTask>? QueueNode { get; set; }

    /// <summary>Gives the caller its result; whoever reads it last releases its shared-memory slots.</summary>
    public void Succeed(byte[] result, PayloadCodec codec)
    {
        if (Completion is { } completion)
        {
            // The caller reads it and releases it, unless it has stopped waiting.
            if (!completion.TrySetResult(result))
                codec.ReleaseSlots(result);
            return;
        }
        try
        {
            ReplyTo?.Tell(codec.Deserialize(result));
        }
        catch (Exception e) when (e is System.Runtime.Serialization.SerializationException)
        {
            ReplyTo?.Tell(new Status.Failure(e));
        }
        finally
        {
            codec.ReleaseSlots(result);
        }
    }

    /// <summary>Gives the caller its error.</summary>
    public void Fail(Exception error)
    {
        if (Completion is { } completion)
            completion.TrySetException(error);
        else
            ReplyTo?.Tell(new Status.Failure(error));
    }
}
