using Akka.Actor;
using Akka.Event;
using Akka.Actor.Setup;
using Akka.Configuration;
using System.Security.Cryptography.X509Certificates;
using Akka.Remote.Transport.DotNetty;
using ActorPool.Configuration;
using ActorPool.Logging;
using Microsoft.Extensions.Logging;

namespace ActorPool.Cluster;

/// <summary>
/// Starts the ActorSystem through which a driver and its worker hosts reach each other: Akka.Cluster over Akka.Remote with
/// mutual TLS pinned to the cluster's provisioned certificate. It is a system of its own beside the pool's, whose local
/// children keep their per-pool certificate and loopback address.
/// </summary>
internal static class ClusterNode
{
    /// <summary>The role of a worker host's node.</summary>
    public const string WorkerRole = "actorpool-worker";

    /// <summary>The role of a driver's node.</summary>
    public const string DriverRole = "actorpool-driver";

    /// <summary>The gateway's name under <c>/user</c> on a worker host.</summary>
    public const string GatewayName = "actorpool-gateway";

    /// <summary>What a pool in a cluster turns off: shared memory carries payloads only between processes of one machine.</summary>
    public static readonly Config OneMachineOff = ConfigurationFactory.ParseString("actorpool.shared-memory.enabled = off");

    /// <summary>Leaves the cluster gracefully (so that the others need not detect a failure), then ends the node's system.</summary>
    public static async Task LeaveAsync(ActorSystem system, TimeSpan wait)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        try
        {
            // A leave completes once the members agree on it, which unreachable ones never do: a driver downs the hosts it
            // has lost already (it is the side that keeps going in a partition anyway), instead of waiting for its resolver.
            if (cluster.SelfRoles.Contains(DriverRole))
            {
                foreach (var lost in cluster.State.Unreachable)
                    cluster.Down(lost.Address);
            }
            // A node the cluster removed already (downed) has nothing to leave.
            if (!cluster.IsTerminated)
                await cluster.LeaveAsync().WaitAsync(wait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            system.Log.Warning("Leaving the cluster took longer than {0}; the node stops without waiting", wait);
        }
        try
        {
            await system.Terminate().WaitAsync(wait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            system.Log.Debug("The cluster node finishes its shutdown in the background.");
        }
    }

    public static ExtendedActorSystem Start(ClusterOptions options, string role, Config? userConfig, ILoggerFactory? loggerFactory)
    {
        var certificate = options.LoadCertificate();
        var authority = options.LoadCertificateAuthority();
        var config = Render(options, role).WithFallback(PoolConfig.Merge(userConfig));
        var tls = new DotNettySslSetup(
            certificate,
            suppressValidation: false,
            requireMutualAuthentication: true,
            authority is not null ? IssuedBy(authority) : CertificateValidation.PinnedCertificate(certificate.Thumbprint));
        var setup = ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(config), tls, new PoolLoggingSetup(loggerFactory));
        // A certificate loaded here (not the one the user handed over) is the node's, and goes with it.
        var owned = ReferenceEquals(certificate, options.Certificate) ? null : certificate;
        ExtendedActorSystem system;
        try
        {
            system = (ExtendedActorSystem)ActorSystem.Create(ClusterOptions.SystemName, setup);
        }
        catch
        {
            owned?.Dispose();
            authority?.Dispose();
            throw;
        }
        Security.RemoteSetup.ReleaseWhenTerminated(system);
        system.WhenTerminated.ContinueWith(_ =>
        {
            owned?.Dispose();
            authority?.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return system;
    }

    /// <summary>The start of the line a node logs when it refuses a peer's certificate (the log triage counts these).</summary>
    internal const string CertificateRefused = "Certificate refused";

    /// <summary>
    /// Accepts a peer whose certificate chains to <paramref name="authority"/>, and to no other root, and is valid now;
    /// intermediates the peer sent with it count.
    /// </summary>
    internal static CertificateValidationCallback IssuedBy(X509Certificate2 authority) => (certificate, peerChain, peer, _, log) =>
    {
        if (certificate is null)
        {
            log.Error(CertificateRefused + " for {0}: it presented none", peer);
            return false;
        }
        if (ChainsTo(certificate, authority, peerChain) is not { } why)
            return true;
        log.Error(CertificateRefused + " for {0}: {1} ({2})", peer, certificate.Subject, why);
        return false;
    };

    /// <summary>Null when <paramref name="certificate"/> chains to <paramref name="authority"/> alone and is valid now; else why not.</summary>
    internal static string? ChainsTo(X509Certificate2 certificate, X509Certificate2 authority, X509Chain? sentWith = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        if (sentWith is not null)
        {
            foreach (var element in sentWith.ChainElements)
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        // A private authority seldom publishes revocation lists; revoking a node means a new authority (README, Several machines).
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate) ? null : string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation.Trim()));
    }

    /// <summary>
    /// The node's part of the configuration, from its options; the user's HOCON and ActorPool's reference (its
    /// <c>akka.cluster</c> defaults, serializers, logging, scheduler) lie beneath it.
    /// </summary>
    internal static Config Render(ClusterOptions options, string role)
    {
        var seeds = string.Join(", ", options.Seeds.Select(HoconText.Quote));
        var hocon = $$"""
            akka {
              actor.provider = cluster
              remote.dot-netty.tcp {
                # Nodes on other machines: Akka.Remote's DotNetty, with the certificate checks the cluster's options ask for.
                transport-class = "Akka.Remote.Transport.DotNetty.TcpTransport, Akka.Remote"
                hostname = {{HoconText.Quote(options.Hostname)}}
                public-hostname = {{HoconText.Quote(options.PublicHostname ?? options.Hostname)}}
                port = {{options.Port}}
                enable-ssl = on
              }
              cluster {
                seed-nodes = [{{seeds}}]
                roles = [{{HoconText.Quote(role)}}]
              }
              # No actor is deployed across hosts: a node's link to another carries tasks to its gateway, nothing else.
              # Remote deployment travels as DaemonMsgCreate, whose serializer here refuses it both ways.
              actor.serializers.daemon-create = "ActorPool.Cluster.DeployRefusingSerializer, ActorPool"
              actor.serialization-identifiers."ActorPool.Cluster.DeployRefusingSerializer, ActorPool" = 3
            }
            """;
        return ConfigurationFactory.ParseString(hocon);
    }
}
