using System.Reflection;
using System.Runtime.ExceptionServices;
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
    /// <param name="credential">The family's certificate (<see cref="Hosting.ProcessFamily.Credential"/>), or null when <c>actorpool.remote.tls</c> is off.</param>
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
        ActorSystemImpl system;
        try
        {
            system = new ActorSystemImpl(name, setup.Get<BootstrapSetup>().Value.Config.Value, setup, Option<Props>.None);
            system.Start();
        }
        catch (TargetInvocationException e) when (e.InnerException is { } cause)
        {
            // Akka creates its actor-ref provider, and with it the deployer that reads akka.actor.deployment, by
            // reflection: a mistake there (a router name with a typo) would otherwise reach the caller wrapped.
            ExceptionDispatchInfo.Throw(cause);
            throw;
        }
        ReleaseWhenTerminated(system);
        return system;
    }

    /// <summary>
    /// Lets go of what a terminated system would otherwise leave reachable: Akka.Remote 1.5.74 keeps a resolver cache
    /// per thread in a <see cref="ThreadLocal{T}"/> whose values hold the system's provider, so every pool thread that
    /// ever resolved an actor reference kept its whole system alive (about 0.3 MB a pool, for good). Disposing that
    /// ThreadLocal once the system has terminated drops the values on every thread.
    /// </summary>
    public static void ReleaseWhenTerminated(ActorSystem system) =>
        system.WhenTerminated.ContinueWith(static (_, state) => Release((ActorSystem)state!), system, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static void Release(ActorSystem system)
    {
        var cacheType = typeof(Akka.Remote.RemoteActorRefProvider).Assembly.GetType("Akka.Remote.Serialization.ActorRefResolveThreadLocalCache");
        if (cacheType is null || !system.HasExtension(cacheType))
            return;
        var cache = typeof(ActorSystem).GetMethod(nameof(ActorSystem.GetExtension), Type.EmptyTypes)?.MakeGenericMethod(cacheType).Invoke(system, null);
        var threadLocal = cacheType.GetField("_current", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)?.GetValue(cache);
        (threadLocal as IDisposable)?.Dispose();
    }
}
