using Akka.Actor.Setup;
using Microsoft.Extensions.Logging;

namespace ActorPool.Logging;

/// <summary>Where an ActorPool ActorSystem's log goes: the user's <see cref="ILoggerFactory"/>, or standard error when null.</summary>
internal sealed class PoolLoggingSetup(ILoggerFactory? factory) : Setup
{
    public ILoggerFactory? Factory { get; } = factory;
}
