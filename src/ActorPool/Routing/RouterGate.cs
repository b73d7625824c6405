using Akka.Actor;
using Akka.Dispatch.SysMsg;
using Akka.Routing;

namespace ActorPool.Routing;

/// <summary>
/// What <see cref="ProcessPool.Router"/> hands out: the pool's router, behind a check that answers at once the
/// messages it could never run, and every message once the pool is closed, with a <see cref="Status.Failure"/>, so
/// that an <c>Ask</c> fails now instead of at its timeout. Anything the router can run passes through unchanged, and
/// watching it watches the router.
/// </summary>
internal sealed class RouterGate(IInternalActorRef router, Func<Exception?> refusal) : MinimalActorRef
{
    public override ActorPath Path => router.Path;

    public override IActorRefProvider Provider => router.Provider;

    public override bool IsLocal => router.IsLocal;

    public override void SendSystemMessage(ISystemMessage message) => router.SendSystemMessage(message);

    protected override void TellInternal(object message, IActorRef sender)
    {
        if (refusal() is { } closed)
            Refuse(sender, closed);
        else if (!CanRun(message))
            Refuse(sender, new NotSupportedException(
                $"The pool's router runs Invoke messages (Invoke.Create(fn, args)), alone or in a Broadcast or ConsistentHashableEnvelope; it got a {message.GetType().FullName}."));
        else
            router.Tell(message, sender);
    }

    private static bool CanRun(object message) => message switch
    {
        Invoke or RouterManagementMessage or Identify => true,
        Broadcast broadcast => broadcast.Message is Invoke,
        ConsistentHashableEnvelope envelope => envelope.Message is Invoke,
        _ => false,
    };

    private static void Refuse(IActorRef sender, Exception reason)
    {
        if (sender is not null && !sender.IsNobody())
            sender.Tell(new Status.Failure(reason), ActorRefs.NoSender);
    }
}
