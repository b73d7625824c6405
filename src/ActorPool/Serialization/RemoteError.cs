namespace ActorPool.Serialization;

/// <summary>What a child knows of an exception, in a form that always crosses the wire.</summary>
/// <param name="Type">Full name of the exception type.</param>
/// <param name="Message">The exception's message.</param>
/// <param name="StackTrace">The exception's <see cref="Exception.ToString"/> text in the child, stack traces included.</param>
/// <param name="ChildPid">Process id of the child where it was raised.</param>
/// <param name="Original">The exception serialized, or null when it could not be.</param>
internal sealed record RemoteError(string Type, string Message, string StackTrace, int ChildPid, byte[]? Original)
{
    /// <summary>
    /// Describes <paramref name="exception"/>; never throws, whatever the exception's own members do. Parts that
    /// throw when read are replaced by a note saying so, and an exception with such parts is not sent to be
    /// re-created (it would throw again wherever it is looked at).
    /// </summary>
    public static RemoteError From(Exception exception, int childPid, PayloadCodec codec)
    {
        var type = exception.GetType().FullName ?? exception.GetType().Name;
        var message = TryRead(() => exception.Message);
        var text = TryRead(exception.ToString) ?? TryRead(() => $"{type}: {message}{Environment.NewLine}{exception.StackTrace}");
        var intact = message is not null && text is not null;
        return new RemoteError(
            type,
            message ?? $"(the message of this {type} could not be read: its Message property threw)",
            text ?? $"{type}: (its ToString and StackTrace threw)",
            childPid,
            intact ? codec.TrySerialize(exception) : null);
    }

    /// <summary>Text about <paramref name="exception"/> for a log line, whatever its own members do.</summary>
    public static string Describe(Exception exception) =>
        TryRead(exception.ToString) ?? $"{exception.GetType().FullName} (its ToString threw)";

    /// <summary>The original exception re-created in this process, or null when its type cannot be.</summary>
    public Exception? TryRecreate(PayloadCodec codec)
    {
        if (Original is null)
            return null;
        try
        {
            return codec.Deserialize(Original) as Exception;
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static string? TryRead(Func<string?> read)
    {
        try
        {
            return read();
        }
        catch (Exception)
        {
            return null;
        }
    }
}
