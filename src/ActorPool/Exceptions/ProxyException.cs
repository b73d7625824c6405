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

    /// <summary>Re-creates a proxy that Akka.Remote carried (a task runner's failure, on its way to the supervisor strategy).</summary>
    /// <param name="info">What <see cref="GetObjectData"/> wrote.</param>
    /// <param name="context">Unused.</param>
#pragma warning disable SYSLIB0051 // Akka.Remote carries the exceptions of failed actors with these, and only these
    protected ProxyException(System.Runtime.Serialization.SerializationInfo info, System.Runtime.Serialization.StreamingContext context)
        : base(info, context)
    {
        RemoteType = info.GetString(nameof(RemoteType)) ?? "";
        RemoteMessage = info.GetString(nameof(RemoteMessage)) ?? "";
        RemoteStackTrace = info.GetString(nameof(RemoteStackTrace)) ?? "";
        ChildPid = info.GetInt32(nameof(ChildPid));
    }

    /// <summary>Writes the proxy's fields with the exception's, for Akka.Remote to carry.</summary>
    /// <param name="info">Where they go.</param>
    /// <param name="context">Unused.</param>
    [Obsolete("Formatter-based serialization is obsolete; Akka.Remote still carries the failures of remote actors this way.")]
    public override void GetObjectData(System.Runtime.Serialization.SerializationInfo info, System.Runtime.Serialization.StreamingContext context)
    {
        base.GetObjectData(info, context);
        info.AddValue(nameof(RemoteType), RemoteType);
        info.AddValue(nameof(RemoteMessage), RemoteMessage);
        info.AddValue(nameof(RemoteStackTrace), RemoteStackTrace);
        info.AddValue(nameof(ChildPid), ChildPid);
    }
#pragma warning restore SYSLIB0051

    /// <summary>
    /// What a task runner fails with when the ExceptionHandler threw <paramref name="error"/>: a proxy, which Akka.Remote
    /// carries to the supervisor strategy whatever the exception's own type (one without a serialization constructor
    /// would reach the strategy as null).
    /// </summary>
    internal static ProxyException ForSupervisor(Exception error) =>
        new(error.GetType().FullName ?? error.GetType().Name, error.Message, error.ToString(), Environment.ProcessId);

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
