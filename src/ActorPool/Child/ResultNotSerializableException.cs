namespace ActorPool.Child;

/// <summary>A task returned a result that cannot be sent back to the caller.</summary>
internal sealed class ResultNotSerializableException : Exception
{
    public ResultNotSerializableException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
