using ActorPool.Logging;
using Akka.Event;

namespace ActorPool.Tests.Unit;

public sealed class LogTriageTests
{
    private static readonly Type s_transport = typeof(Akka.Remote.RemoteActorRefProvider).Assembly.GetType("Akka.Remote.Transport.DotNetty.TcpTransport")!;
    private static readonly Type s_inbound = typeof(Akka.Remote.RemoteActorRefProvider).Assembly.GetType("Akka.Remote.Transport.DotNetty.TcpServerHandler")!;
    private static readonly Type s_disassociated = typeof(Akka.Remote.RemoteActorRefProvider).Assembly.GetType("Akka.Remote.EndpointDisassociatedException")!;

    [Fact]
    public void Classify_AssociationThatEndedWithAChild_IsDemoted()
    {
        var cause = (Exception)Activator.CreateInstance(s_disassociated, "Disassociated")!;

        Assert.Equal(LogVerdict.Demote, LogTriage.Classify(new Error(cause, "endpointWriter", typeof(object), "Disassociated")));
        Assert.Equal(LogVerdict.Demote, LogTriage.Classify(new Warning("reliableEndpointWriter", typeof(object),
            new TemplateMessage("Association with [{0}] failed: [{1}]", "x", cause))));
    }

    [Fact]
    public void Classify_RemotingWarningAboutAChildsAddress_IsDemoted_ButNotAboutOtherSystems()
    {
        var child = new Akka.Actor.Address("akka.ssl.tcp", "actorpool-child-8", "127.0.0.1", 35693);
        var other = new Akka.Actor.Address("akka.ssl.tcp", "orders", "10.0.0.5", 4053);

        Assert.Equal(LogVerdict.Demote, LogTriage.Classify(new Warning("remote-watcher", typeof(object), new TemplateMessage("Detected unreachable: [{0}]", child))));
        Assert.Equal(LogVerdict.Demote, LogTriage.Classify(new Warning("remoting", typeof(object),
            new TemplateMessage("Association to [{0}] with unknown UID is reported as quarantined, gating instead for {1} ms.", child, 200.0))));
        Assert.Equal(LogVerdict.Keep, LogTriage.Classify(new Warning("remote-watcher", typeof(object), new TemplateMessage("Detected unreachable: [{0}]", other))));
        Assert.Equal(LogVerdict.Keep, LogTriage.Classify(new Error(new InvalidOperationException("x"), "remoting", typeof(object), new TemplateMessage("failed [{0}]", child))));
    }

    [Fact]
    public void Classify_RemotingWarningAboutAClusterHostsAddress_IsDemoted()
    {
        // The driver says what became of its host (lost, left) in its own words.
        var host = new Akka.Actor.Address("akka.ssl.tcp", ClusterOptions.SystemName, "10.0.0.7", 4053);

        Assert.Equal(LogVerdict.Demote, LogTriage.Classify(new Warning("remoting", typeof(Akka.Remote.RemoteActorRefProvider),
            new TemplateMessage("Tried to associate with unreachable remote address [{0}]. Address is now gated for {1} ms.", host, 200))));
        // ActorPool's own warnings about a node stay: a worker host that refuses a driver says so.
        Assert.Equal(LogVerdict.Keep, LogTriage.Classify(new Warning("gateway", typeof(ProcessPool),
            new TemplateMessage("Refused the driver at {0}: {1}", host, "the assembly 'X' differs"))));
    }

    [Fact]
    public void Classify_PeerWithAnotherCertificate_IsCounted()
    {
        Assert.Equal(LogVerdict.ForeignConnection, LogTriage.Classify(new Error(null, "transport", s_transport,
            new TemplateMessage("Certificate pinning failed for {0}: thumbprint '{1}' not in allowed list", "[::1]:5000", "77ED"))));
        // With a private authority: ActorPool's own check, logged through the transport's logger as Akka's pinning is.
        Assert.Equal(LogVerdict.ForeignConnection, LogTriage.Classify(new Error(null, "transport", s_transport,
            new TemplateMessage(ActorPool.Cluster.ClusterNode.CertificateRefused + " for {0}: {1} ({2})", "[::1]:5000", "CN=other", "untrusted root"))));
    }

    [Fact]
    public void Classify_TransportWarningButNotItsErrors_IsDemoted()
    {
        Assert.Equal(LogVerdict.Demote, LogTriage.Classify(new Warning("transport", s_transport, "Half-close failed")));
        Assert.Equal(LogVerdict.Keep, LogTriage.Classify(new Error(new InvalidOperationException("bind"), "transport", s_transport, "Failed to bind")));
    }

    [Fact]
    public void Classify_InboundConnectionError_IsCountedAndOrdinaryEventsAreKept()
    {
        Assert.Equal(LogVerdict.ForeignConnection, LogTriage.Classify(new Error(new IOException("handshake"), "server", s_inbound, "Error caught channel")));
        Assert.Equal(LogVerdict.Keep, LogTriage.Classify(new Warning("supervisor", typeof(object), "Child 1 exited with code 1")));
        Assert.Equal(LogVerdict.Keep, LogTriage.Classify(new Error(new InvalidOperationException("boom"), "supervisor", typeof(object), "failed")));
    }

    // Akka's own message types are internal; this stands for one with its arguments, as a logger receives it.
    private sealed class TemplateMessage(string format, params object[] args) : LogMessage(DefaultLogMessageFormatter.Instance, format)
    {
        public override string Unformatted() => string.Join(",", args);

        public override IEnumerable<object> Parameters() => args;

        public override string ToString() => Formatter.Format(Format, args);
    }
}
