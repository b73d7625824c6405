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
        // Exception.ToString follows inner exceptions: around a cycle (made by reflection) it overflows the stack,
        // which no catch stops. Such an exception is described without it and not sent to be re-created.
        var cyclic = HasCycle(exception);
        var text = (cyclic ? null : TryRead(exception.ToString)) ?? TryRead(() => $"{type}: {message}{Environment.NewLine}{exception.StackTrace}");
        var intact = message is not null && text is not null && !cyclic;
        return new RemoteError(
            type,
            message ?? $"(the message of this {type} could not be read: its Message property threw)",
            text ?? $"{type}: (its ToString and StackTrace threw)",
            childPid,
            intact ? codec.TrySerialize(Travelling(exception)) : null);
    }

    /// <summary>
    /// What is serialized of <paramref name="exception"/>. A cancellation carries its token (and a
    /// <see cref="TaskCanceledException"/> its task), and through them whatever their callbacks hold (an ActorSystem, in a
    /// child): serializing that took seconds, and failed. A plain one travels as a new one with its message and inner exception.
    /// </summary>
    /// <remarks>An aggregate of such (what <c>Wait()</c> on a cancelled task throws) travels as a new one of them.</remarks>
    private static Exception Travelling(Exception exception)
    {
        if (exception.GetType() == typeof(TaskCanceledException))
            return new TaskCanceledException(exception.Message, exception.InnerException);
        if (exception.GetType() == typeof(OperationCanceledException))
            return new OperationCanceledException(exception.Message, exception.InnerException);
        if (exception.GetType() != typeof(AggregateException))
            return exception;
        var inner = ((AggregateException)exception).InnerExceptions;
        var travelling = inner.Select(Travelling).ToList();
        return travelling.SequenceEqual(inner) ? exception : new AggregateException(travelling);
    }

    // A depth-first walk over inner exceptions (an aggregate's all); a cycle is one met again on its own path.
    private static bool HasCycle(Exception root)
    {
        var onPath = new HashSet<Exception>(ReferenceEqualityComparer.Instance) { root };
        var finished = new HashSet<Exception>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Exception Node, IEnumerator<Exception> Next)>();
        stack.Push((root, Inner(root).GetEnumerator()));
        while (stack.TryPeek(out var top))
        {
            if (top.Next.MoveNext())
            {
                var child = top.Next.Current;
                if (onPath.Contains(child))
                    return true;
                if (finished.Contains(child))
                    continue;
                onPath.Add(child);
                stack.Push((child, Inner(child).GetEnumerator()));
            }
            else
            {
                stack.Pop();
                onPath.Remove(top.Node);
                finished.Add(top.Node);
            }
        }
        return false;
    }

    // An aggregate's ToString follows both its inner exceptions and the base InnerException.
    private static IEnumerable<Exception> Inner(Exception exception) =>
        exception is AggregateException aggregate
            ? exception.InnerException is { } first ? [first, .. aggregate.InnerExceptions] : aggregate.InnerExceptions
            : exception.InnerException is { } inner ? [inner]
            : [];

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
