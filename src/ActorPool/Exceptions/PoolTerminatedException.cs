namespace ActorPool;

/// <summary>The pool was terminated before the task finished.</summary>
public class PoolTerminatedException : Exception
{
    /// <summary>Creates the exception with the default message.</summary>
    public PoolTerminatedException() : base("The process pool was terminated before the task finished.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public PoolTerminatedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PoolTerminatedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
