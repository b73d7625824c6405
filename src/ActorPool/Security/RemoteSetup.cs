using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;

namespace ActorPool.Security;

/// <summary>Builds the ActorSystem setup of a pool's parent or child: with pinned mutual TLS, or without.</summary>
internal static class RemoteSetup
{
    private static readonly Config s_tlsOn = ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.enable-ssl = on");

    /// <param name="config">The merged configuration.</param>
    /// <param name="pkcs12">The pool's certificate, or null when <c>actorpool.remote.tls</c> is off.</param>
    public static ActorSystemSetup Create(Config config, byte[]? pkcs12)
    {
        if (pkcs12 is null)
            return ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(config));
        var certificate = PoolCertificate.Load(pkcs12);
        var tls = new DotNettySslSetup(
            certificate,
            suppressValidation: false,
            requireMutualAuthentication: true,
            CertificateValidation.PinnedCertificate(certificate.Thumbprint));
        return ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(s_tlsOn.WithFallback(config)), tls);
    }
}
