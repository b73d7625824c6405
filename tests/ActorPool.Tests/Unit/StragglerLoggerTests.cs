using ActorPool.Configuration;
using ActorPool.Logging;
using ActorPool.Security;
using ActorPool.Tests.Support;
using Akka.Configuration;
using Akka.Event;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ActorPool.Tests.Unit;

/// <summary>
/// What Akka cannot give a system's logger (what is still in its mailbox when the system stops it) goes where the
/// logger writes, sorted the same way: never to standard output, which Akka's own stdout logger would print it on.
/// </summary>
public sealed class StragglerLoggerTests
{
    private const int Events = 20_000;

    private static readonly Type s_disassociated = typeof(Akka.Remote.RemoteActorRefProvider).Assembly.GetType("Akka.Remote.EndpointDisassociatedException")!;

    [Fact]
    public async Task EventsStillQueuedWhenTheSystemTerminates_AllReachTheFactory_AnEndedAssociationAtDebug()
    {
        var log = new CapturingLoggerFactory();
        var config = PoolConfig.Merge(ConfigurationFactory.ParseString("akka.actor.provider = local"));
        var system = RemoteSetup.Start("stragglers", config, credential: null, log);
        Assert.IsType<StragglerLogger>(system.Settings.StdoutLogger);
        var ended = (Exception)Activator.CreateInstance(s_disassociated, "Disassociated")!;

        // More than the logger handles before the system stops it, published just before termination.
        for (var i = 0; i < Events; i++)
        {
            system.EventStream.Publish(new Error(new InvalidOperationException("kept"), "source", typeof(StragglerLoggerTests), $"failure {i}"));
            system.EventStream.Publish(new Error(ended, "endpointWriter", typeof(StragglerLoggerTests), "Disassociated"));
        }
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(30));

        var entries = log.Entries.Where(e => e.Category == typeof(StragglerLoggerTests).FullName).ToList();
        Assert.Equal(Events, entries.Count(e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException));
        Assert.Equal(Events, entries.Count(e => e.Level == LogLevel.Debug && e.Exception is null && e.Message.Contains("Disassociated")));
    }

    [Fact]
    public void PoolsAndTheirChildren_UseItByDefault() =>
        Assert.Equal(
            "ActorPool.Logging.StragglerLogger, ActorPool",
            PoolConfig.Merge(ConfigurationFactory.Empty).GetString("akka.stdout-logger-class"));
}
