namespace ActorPool.Serialization;

/// <summary>What a child knows of an exception, in a form that always crosses the wire.</summary>
/// <param name="Type">Full name of the exception type.</param>
/// <param name="Message">The exception's message.</param>
/// <param name="StackTrace">The exception's <see cref="Exception.ToString"/> text in the child, stack traces included.</param>
/// <param name="ChildPid">Process id of the child where it was raised.</param>
/// <param name="Original">The exception serialized, or null when it could not be.</param>
internal sealed record RemoteError(string Type, string Message, string StackTrace, int ChildPid, byte[]? Original)
{
    public static RemoteError From(Exception exception, int childPid) => new(
        exception.GetType().FullName ?? exception.GetType().Name,
        exception.Message,
        exception.ToString(),
        childPid,
        PayloadCodec.TrySerialize(exception));

    /// <summary>The original exception re-created in this process, or null when its type cannot be.</summary>
    public Exception? TryRecreate()
    {
        if (Original is null)
            return null;
        try
        {
            return PayloadCodec.Deserialize(Original) as Exception;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
