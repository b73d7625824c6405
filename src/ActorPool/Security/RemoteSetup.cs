using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;
using Akka.Util;
using ActorPool.Logging;
using Microsoft.Extensions.Logging;

namespace ActorPool.Security;

/// <summary>Starts the ActorSystem of a pool's parent, a child or a shared-primitive host: with pinned mutual TLS, or without.</summary>
internal static class RemoteSetup
{
    private static readonly Config s_tlsOn = ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.enable-ssl = on");

    /// <param name="config">The merged configuration.</param>
    /// <param name="credential">The family's certificate (<see cref="FamilyCertificate.Credential"/>), or null when <c>actorpool.remote.tls</c> is off.</param>
    /// <param name="loggerFactory">Where the system's log goes; null for standard error.</param>
    public static ActorSystemSetup Create(Config config, byte[]? credential, ILoggerFactory? loggerFactory = null)
    {
        var logging = new PoolLoggingSetup(loggerFactory);
        if (credential is null)
            return ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(config), logging);
        var certificate = PoolCertificate.Load(credential);
        var tls = new DotNettySslSetup(
            certificate,
            suppressValidation: false,
            requireMutualAuthentication: true,
            CertificateValidation.PinnedCertificate(certificate.Thumbprint));
        return ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(s_tlsOn.WithFallback(config)), tls, logging);
    }

    /// <summary>Creates and starts an ActorSystem with <see cref="Create"/>'s setup.</summary>
    public static ExtendedActorSystem Start(string name, Config config, byte[]? credential, ILoggerFactory? loggerFactory = null)
    {
        var setup = Create(config, credential, loggerFactory);
        // ActorSystem.Create(name, setup) would also read the application's App.config through
        // System.Configuration (whose result is then unused): a cost every child start would pay.
        var system = new ActorSystemImpl(name, setup.Get<BootstrapSetup>().Value.Config.Value, setup, Option<Props>.None);
        system.Start();
        return system;
    }
}
