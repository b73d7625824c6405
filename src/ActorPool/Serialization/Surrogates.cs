using Akka.Actor;
using Hyperion;

namespace ActorPool.Serialization;

/// <summary>Wire form of an <see cref="IActorRef"/>: its full path, resolved again on the receiving side.</summary>
internal sealed record ActorRefSurrogate(string Path);

/// <summary>Wire form of a <see cref="ProxyException"/> and its subclasses, which Hyperion's exception support would strip.</summary>
internal sealed record ProxyExceptionSurrogate(RemoteError Error, bool Crashed, int? ExitCode, int Attempts);

/// <summary>The surrogates every ActorPool Hyperion instance uses.</summary>
internal static class Surrogates
{
    public static IEnumerable<Surrogate> For(HyperionSettings settings, Func<ExtendedActorSystem?> system)
    {
        yield return Surrogate.Create<IActorRef, ActorRefSurrogate>(
            actorRef => new ActorRefSurrogate(PathOf(actorRef, system())),
            surrogate => system()?.Provider.ResolveActorRef(surrogate.Path) ?? ActorRefs.Nobody);
        // The codec of the system this Hyperion instance serves (looked up when used, not while it is being made).
        PayloadCodec Codec() => system() is { } owner ? PayloadCodec.For(owner) : PayloadCodec.Default;
        yield return Surrogate.Create<ProxyException, ProxyExceptionSurrogate>(
            exception => exception.ToSurrogate(Codec()),
            surrogate => ProxyException.FromSurrogate(surrogate, Codec()));
        // After ProxyException's: the first surrogate that fits a type is the one used.
        yield return Surrogate.Create<Exception, ExceptionSurrogate>(
            ExceptionSurrogate.From,
            surrogate => surrogate.Restore(settings));
    }

    private static string PathOf(IActorRef actorRef, ExtendedActorSystem? system)
    {
        var path = actorRef.Path;
        if (path.Address.HasGlobalScope || system is null)
            return path.ToSerializationFormat();
        return path.ToSerializationFormatWithAddress(system.Provider.DefaultAddress);
    }
}
