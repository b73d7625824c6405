namespace ActorPool;

/// <summary>
/// A <see cref="SharedBarrier"/> is broken: a party left while others waited (it was cancelled, timed out, or
/// its process died), or the barrier was aborted or reset under them. It stays broken until reset.
/// </summary>
public sealed class SharedBarrierBrokenException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public SharedBarrierBrokenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public SharedBarrierBrokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
