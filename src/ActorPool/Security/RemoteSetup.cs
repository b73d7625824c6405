using Akka.Actor;
using Akka.Actor.Setup;
using System.Text.RegularExpressions;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace ActorPool.Security;

/// <summary>Builds the ActorSystem setup of a pool's parent or child: with pinned mutual TLS, or without.</summary>
internal static class RemoteSetup
{
    // Children exit by design (recycling, Close, kills the pool itself notices from the OS). Akka.Remote reports
    // each such exit as an error with a stack trace; the supervisor logs what matters in its own words.
    private static readonly LogFilterSetup s_quietChildExits = new LogFilterBuilder()
        .ExcludeMessageRegex(new Regex(@"^Disassociated$", RegexOptions.CultureInvariant))
        .ExcludeMessageRegex(new Regex(@"^Association with remote system \S*actorpool-child-\d+@\S+ has failed; address is now gated", RegexOptions.CultureInvariant))
        .ExcludeMessageRegex(new Regex(@"^Detected unreachable: \[\S*actorpool-child-\d+@", RegexOptions.CultureInvariant))
        .Build();

    private static readonly Config s_tlsOn = ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.enable-ssl = on");

    /// <param name="config">The merged configuration.</param>
    /// <param name="pkcs12">The pool's certificate, or null when <c>actorpool.remote.tls</c> is off.</param>
    public static ActorSystemSetup Create(Config config, byte[]? pkcs12)
    {
        if (pkcs12 is null)
            return ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(config), s_quietChildExits);
        var certificate = PoolCertificate.Load(pkcs12);
        var tls = new DotNettySslSetup(
            certificate,
            suppressValidation: false,
            requireMutualAuthentication: true,
            CertificateValidation.PinnedCertificate(certificate.Thumbprint));
        return ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(s_tlsOn.WithFallback(config)), tls, s_quietChildExits);
    }
}
