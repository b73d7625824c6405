using ActorPool.Serialization;

namespace ActorPool;

/// <summary>A task threw in a child process; this carries what the child knew of the exception.</summary>
/// <remarks>
/// <see cref="Exception.InnerException"/> is the original exception re-created in the caller when its type
/// can be (it is then the same type, with the child's message and stack trace), else null.
/// </remarks>
public class ProxyException : Exception
{
    /// <summary>Creates a proxy for an exception raised in a child.</summary>
    /// <param name="remoteType">Full name of the exception type in the child.</param>
    /// <param name="remoteMessage">The exception's message.</param>
    /// <param name="remoteStackTrace">The child's stack trace text.</param>
    /// <param name="childPid">Process id of the child.</param>
    /// <param name="innerException">The original exception, re-created, or null.</param>
    public ProxyException(string remoteType, string remoteMessage, string remoteStackTrace, int childPid, Exception? innerException = null)
        : this(BuildMessage(remoteType, remoteMessage, childPid), remoteType, remoteMessage, remoteStackTrace, childPid, innerException)
    {
    }

    /// <summary>Creates a proxy with a message of its own, for subclasses.</summary>
    /// <param name="message">This exception's message.</param>
    /// <param name="remoteType">Full name of the exception type in the child.</param>
    /// <param name="remoteMessage">The exception's message.</param>
    /// <param name="remoteStackTrace">The child's stack trace text.</param>
    /// <param name="childPid">Process id of the child.</param>
    /// <param name="innerException">The original exception, re-created, or null.</param>
    protected ProxyException(string message, string remoteType, string remoteMessage, string remoteStackTrace, int childPid, Exception? innerException)
        : base(message, innerException)
    {
        RemoteType = remoteType;
        RemoteMessage = remoteMessage;
        RemoteStackTrace = remoteStackTrace;
        ChildPid = childPid;
    }

    /// <summary>Full name of the exception type raised in the child, e.g. <c>System.InvalidOperationException</c>.</summary>
    public string RemoteType { get; }

    /// <summary>The message of the exception raised in the child.</summary>
    public string RemoteMessage { get; }

    /// <summary>The child's text of the exception, with its stack trace.</summary>
    public string RemoteStackTrace { get; }

    /// <summary>Process id of the child that raised the exception.</summary>
    public int ChildPid { get; }

    internal static ProxyException From(RemoteError error, PayloadCodec codec) =>
        new(error.Type, error.Message, error.StackTrace, error.ChildPid, error.TryRecreate(codec));

    internal RemoteError ToError(PayloadCodec codec) => new(RemoteType, RemoteMessage, RemoteStackTrace, ChildPid, codec.TrySerialize(InnerException));

    internal virtual ProxyExceptionSurrogate ToSurrogate(PayloadCodec codec) => new(ToError(codec), Crashed: false, ExitCode: null, Attempts: 0);

    internal static ProxyException FromSurrogate(ProxyExceptionSurrogate surrogate, PayloadCodec codec) => surrogate.Crashed
        ? new ChildCrashedException(surrogate.Error.ChildPid, surrogate.ExitCode, surrogate.Attempts)
        : From(surrogate.Error, codec);

    private static string BuildMessage(string remoteType, string remoteMessage, int childPid) =>
        $"{remoteType} in child process {childPid}: {remoteMessage}";
}
