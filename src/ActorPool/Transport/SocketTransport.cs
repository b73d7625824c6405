using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote.Transport;
using Akka.Remote.Transport.DotNetty;

namespace ActorPool.Transport;

/// <summary>
/// Akka.Remote's transport in every pool parent, child and shared-primitive host, in DotNetty's place
/// (<c>akka.remote.dot-netty.tcp.transport-class</c>, whose settings it reads): TCP sockets, with mutual TLS pinned to the
/// process family's certificate (<see cref="DotNettySslSetup"/>, as <see cref="Security.RemoteSetup"/> gives it) when
/// <c>enable-ssl</c> is on. Its connections are <see cref="SocketAssociation"/>s. It has no event-loop threads of its own:
/// reads and writes are async socket or TLS-stream calls on the .NET thread pool, which saves a child the start of
/// DotNetty and each message two thread hops.
/// </summary>
/// <remarks>Its addresses use DotNetty's schemes (<c>akka.tcp</c>, <c>akka.ssl.tcp</c>); it talks only to itself.</remarks>
internal sealed class SocketTransport : Akka.Remote.Transport.Transport
{
    private readonly SocketTransportSettings _settings;
    private readonly X509Certificate2? _certificate;
    private readonly Lazy<SslStreamCertificateContext>? _tlsContext;
    private readonly ILoggingAdapter _inboundLog;
    // By reference: an association handle equals any other between the same two addresses.
    private readonly HashSet<SocketAssociation> _associations = new(ReferenceEqualityComparer.Instance);
    private static readonly TimeSpan ShutdownFlush = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _shutdown = new();
    private Socket? _listener;

    public SocketTransport(ActorSystem system, Config config)
    {
        System = system;
        Config = config;
        _settings = SocketTransportSettings.From(config);
        if (_settings.Tls)
        {
            var tls = ((ExtendedActorSystem)system).Settings.Setup.Get<DotNettySslSetup>();
            _certificate = tls.HasValue ? tls.Value.Certificate : throw new ConfigurationException(
                "akka.remote.dot-netty.tcp.enable-ssl is on, but the ActorSystem was given no certificate (DotNettySslSetup).");
        }
        if (_certificate is { } own)
            _tlsContext = new(() => SslStreamCertificateContext.Create(own, additionalCertificates: null, offline: true));
        SchemeIdentifier = _settings.Tls ? "ssl.tcp" : "tcp";
        _inboundLog = Akka.Event.Logging.GetLogger(system, typeof(InboundConnections));
    }

    public override long MaximumPayloadBytes => _settings.MaximumFrameSize;

    public override string SchemeIdentifier { get; protected set; }

    public override bool IsResponsibleFor(Address remote) => true;

    public override async Task<(Address, TaskCompletionSource<IAssociationEventListener>)> Listen()
    {
        var ip = await ResolveAsync(_settings.Hostname).ConfigureAwait(false);
        var listener = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(ip, _settings.Port));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var address = new Address(SchemeIdentifier, System.Name, _settings.PublicHostname, port);
        var associations = new TaskCompletionSource<IAssociationEventListener>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = AcceptLoopAsync(listener, address, associations.Task);
        return (address, associations);
    }

    public override async Task<AssociationHandle> Associate(Address remoteAddress)
    {
        if (remoteAddress.Host is not { } host || remoteAddress.Port is not { } port)
            throw new InvalidAssociationException($"{remoteAddress} has no host and port.");
        Socket? socket = null;
        using var deadline = ConnectDeadline();
        try
        {
            var ip = await ResolveAsync(host).ConfigureAwait(false);
            socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            Configure(socket);
            await socket.ConnectAsync(new IPEndPoint(ip, port), deadline.Token).ConfigureAwait(false);
            var stream = await SecureAsync(socket, client: true, deadline.Token).ConfigureAwait(false);
            var local = (IPEndPoint)socket.LocalEndPoint!;
            return Track(new SocketAssociation(
                new Address(SchemeIdentifier, System.Name, local.Address.ToString(), local.Port), remoteAddress, socket, stream,
                _settings.MaximumFrameSize, _inboundLog, Untrack));
        }
        catch (Exception e)
        {
            socket?.Dispose();
            throw new InvalidAssociationException($"Could not connect to {remoteAddress}: {e.Message}", e);
        }
    }

    public override async Task<bool> Shutdown()
    {
        _shutdown.Cancel();
        _listener?.Dispose();
        SocketAssociation[] open;
        lock (_associations)
            open = [.. _associations];
        // Akka.Remote has stopped its writers by now, but what they wrote last (replies, the shutdown's own messages) may
        // still be queued here: it goes out first, as DotNetty's queued writes did before its close.
        await Task.WhenAll(open.Select(association => association.CloseAsync(ShutdownFlush))).ConfigureAwait(false);
        return true;
    }

    private async Task AcceptLoopAsync(Socket listener, Address localAddress, Task<IAssociationEventListener> registered)
    {
        var associations = await registered.ConfigureAwait(false);
        while (!_shutdown.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_shutdown.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && _shutdown.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // A connection that went away while it was accepted, or no descriptor left for one: not in a tight loop.
                await Task.Delay(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
                continue;
            }
            _ = AcceptAsync(socket, localAddress, associations);
        }
    }

    private async Task AcceptAsync(Socket socket, Address localAddress, IAssociationEventListener associations)
    {
        var peer = socket.RemoteEndPoint as IPEndPoint;
        using var deadline = ConnectDeadline();
        try
        {
            Configure(socket);
            var stream = await SecureAsync(socket, client: false, deadline.Token).ConfigureAwait(false);
            var remote = new Address(SchemeIdentifier, System.Name, peer?.Address.ToString(), peer?.Port);
            var association = new SocketAssociation(localAddress, remote, socket, stream, _settings.MaximumFrameSize, _inboundLog, Untrack);
            associations.Notify(new InboundAssociation(Track(association)));
        }
        catch (Exception e)
        {
            socket.Dispose();
            if (!_shutdown.IsCancellationRequested)
            {
                var reason = e is OperationCanceledException ? "no TLS handshake within the connection timeout" : e.Message;
                _inboundLog.Warning("Refused an inbound connection from {0}: {1}", peer, reason);
            }
        }
    }

    private async Task<Stream> SecureAsync(Socket socket, bool client, CancellationToken cancellation)
    {
        var network = new NetworkStream(socket, ownsSocket: false);
        if (_certificate is not { } certificate || _tlsContext is null)
            return network;
        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            var context = _tlsContext.Value;
            // Both sides accept only the family's own certificate: pinned by its thumbprint, whatever any chain says.
            RemoteCertificateValidationCallback pinned = (_, presented, _, _) =>
                presented is not null && string.Equals(presented.GetCertHashString(), certificate.Thumbprint, StringComparison.OrdinalIgnoreCase);
            if (client)
            {
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = "actorpool",
                    ClientCertificateContext = context,
                    RemoteCertificateValidationCallback = pinned,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                }, cancellation).ConfigureAwait(false);
            }
            else
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = context,
                    ClientCertificateRequired = true,
                    RemoteCertificateValidationCallback = pinned,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                }, cancellation).ConfigureAwait(false);
            }
            return tls;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // A connection and its handshake get connection-timeout, and end with the transport.
    private CancellationTokenSource ConnectDeadline()
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        deadline.CancelAfter(_settings.ConnectTimeout);
        return deadline;
    }

    private void Configure(Socket socket)
    {
        socket.NoDelay = true;
        if (_settings.SendBufferSize > 0)
            socket.SendBufferSize = _settings.SendBufferSize;
        if (_settings.ReceiveBufferSize > 0)
            socket.ReceiveBufferSize = _settings.ReceiveBufferSize;
    }

    private SocketAssociation Track(SocketAssociation association)
    {
        lock (_associations)
            _associations.Add(association);
        association.Start();
        // One that connected while the transport shut down ends with it.
        if (_shutdown.IsCancellationRequested)
            _ = association.CloseAsync(TimeSpan.Zero);
        return association;
    }

    private void Untrack(SocketAssociation association)
    {
        lock (_associations)
            _associations.Remove(association);
    }

    private static async Task<IPAddress> ResolveAsync(string hostname) =>
        IPAddress.TryParse(hostname, out var ip) ? ip : (await Dns.GetHostAddressesAsync(hostname).ConfigureAwait(false))[0];

    /// <summary>
    /// The log source of refused inbound connections and of connections closed for a frame over the maximum (junk, where
    /// TLS is off), which <see cref="Logging.LogTriage"/> sums up.
    /// </summary>
    internal sealed class InboundConnections;
}
