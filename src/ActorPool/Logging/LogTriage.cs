using Akka.Event;

namespace ActorPool.Logging;

/// <summary>What becomes of one of Akka's log events in an ActorPool process.</summary>
internal enum LogVerdict
{
    /// <summary>Logged as it is.</summary>
    Keep,

    /// <summary>News that is no news in a pool: logged at Debug, without its stack trace.</summary>
    Demote,

    /// <summary>An inbound connection that failed before it was associated (a port scan, junk, a foreign TLS peer): counted and summed up.</summary>
    ForeignConnection,
}

/// <summary>
/// Sorts Akka's log events by their type and cause, never by their formatted text. Children come and go by design, so
/// the errors Akka.Remote reports about an association that ends with them are expected; connections that fail their
/// TLS handshake are counted rather than logged one by one with a stack trace each.
/// </summary>
internal static class LogTriage
{
    // Akka.Remote's own (internal) exception types that only say an association ended.
    private static readonly HashSet<string> s_associationEnded =
    [
        "Akka.Remote.EndpointDisassociatedException",
        "Akka.Remote.ShutDownAssociation",
        "Akka.Remote.Transport.AssociationHandle+Disassociated",
    ];

    private const string InboundHandler = "Akka.Remote.Transport.DotNetty.TcpServerHandler";

    // The transport itself warns only about closing a connection whose peer is already gone (a half-close that fails);
    // its real failures (a port it cannot bind) are errors, and stay so.
    private const string Transport = "Akka.Remote.Transport.DotNetty.TcpTransport";

    private const string PinningFailed = "Certificate pinning failed";

    public static LogVerdict Classify(LogEvent logEvent)
    {
        if ((logEvent.LogClass?.FullName == InboundHandler || logEvent.LogClass == typeof(ActorPool.Transport.SocketTransport.InboundConnections))
            && logEvent.LogLevel() >= LogLevel.WarningLevel)
            return LogVerdict.ForeignConnection;
        // A peer that presented another certificate: the transport logs it as an error with no exception to sort it by,
        // once per attempt (a foreign node retrying its join would fill the log); its fixed template says what it is.
        if (logEvent.LogClass?.FullName == Transport && logEvent.Message is LogMessage { Format: var format }
            && (format.StartsWith(PinningFailed, StringComparison.Ordinal) || format.StartsWith(Cluster.ClusterNode.CertificateRefused, StringComparison.Ordinal)))
            return LogVerdict.ForeignConnection;
        if (EndsAssociation(logEvent.Cause) || Parameters(logEvent).Any(p => p is Exception e && EndsAssociation(e)))
            return LogVerdict.Demote;
        if (logEvent.LogClass?.FullName == Transport && logEvent.LogLevel() == LogLevel.WarningLevel)
            return LogVerdict.Demote;
        // Akka.Remote's warnings about a pool child's or a cluster host's address (unreachable after it exited, gated,
        // quarantined): the supervisor reports what becomes of its children itself (an unexpected exit, a hang), and a
        // driver what becomes of its hosts (lost, left), once and in its words.
        if (logEvent.LogLevel() == LogLevel.WarningLevel && Parameters(logEvent).Any(p => IsChildAddress(p) || (IsClusterAddress(p) && FromAkka(logEvent))))
            return LogVerdict.Demote;
        // Sending through a remoting that has stopped: a child or a pool on its way out.
        if (logEvent.Cause is Akka.Remote.RemoteTransportException { InnerException: null } && logEvent.LogClass?.FullName?.StartsWith("Akka.Remote.RemoteActorRef", StringComparison.Ordinal) == true)
            return LogVerdict.Demote;
        return LogVerdict.Keep;
    }

    private static bool EndsAssociation(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (s_associationEnded.Contains(current.GetType().FullName ?? ""))
                return true;
        }
        return false;
    }

    private static bool IsChildAddress(object parameter) =>
        parameter is Akka.Actor.Address { System: var system } && system.StartsWith(Child.ChildEntryPoint.SystemNamePrefix, StringComparison.Ordinal);

    // A cluster's nodes share one system name; ActorPool's own warnings that name a node (a refused driver) stay.
    private static bool IsClusterAddress(object parameter) => parameter is Akka.Actor.Address { System: ClusterOptions.SystemName };

    private static bool FromAkka(LogEvent logEvent) =>
        logEvent.LogClass?.Namespace is { } ns && (ns == "Akka" || ns.StartsWith("Akka.", StringComparison.Ordinal));

    private static IEnumerable<object> Parameters(LogEvent logEvent) =>
        logEvent.Message is LogMessage message ? message.Parameters() : [];
}
