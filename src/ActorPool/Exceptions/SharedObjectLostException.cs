namespace ActorPool;

/// <summary>
/// A call on a shared primitive (a <see cref="SharedQueue{T}"/>, a lock, ...) cannot complete:
/// the process that hosts the object exited, or the object no longer exists there.
/// </summary>
public sealed class SharedObjectLostException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public SharedObjectLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public SharedObjectLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why calls on the object at <paramref name="path"/> fail: its process is gone, or the object is.</summary>
    internal static string Reason(Akka.Actor.ActorPath path, bool processGone) =>
        processGone
            ? $"The process that hosts the shared object {path.Name} exited (or cannot be reached)."
            : $"The shared object {path.Name} no longer exists.";
}
