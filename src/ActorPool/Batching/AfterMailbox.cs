using Akka.Actor;

namespace ActorPool.Batching;

/// <summary>
/// Has an actor act once the messages already in its mailbox are handled: the first <see cref="Request"/> since the
/// last <see cref="Signal"/> tells the actor <see cref="Signal"/>, later ones add nothing. What those messages add
/// to a batch then travels in it.
/// </summary>
/// <param name="self">The actor.</param>
/// <param name="signal">The message it acts on; it calls <see cref="Arrived"/> when it does.</param>
internal sealed class AfterMailbox(IActorRef self, object signal)
{
    private bool _requested;

    public object Signal => signal;

    public void Request()
    {
        if (_requested)
            return;
        _requested = true;
        self.Tell(signal);
    }

    /// <summary>The signal is being handled: a request from now on asks for another one.</summary>
    public void Arrived() => _requested = false;
}
