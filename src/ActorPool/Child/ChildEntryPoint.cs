using Akka.Configuration;
using ActorPool.Configuration;
using ActorPool.Execution;
using ActorPool.Hosting;
using ActorPool.Launch;

namespace ActorPool.Child;

/// <summary>
/// The child side: reads its bootstrap from standard input, starts an ActorSystem with Akka.Remote, says
/// where it listens, and exits when its standard input closes, which is also what happens when the parent
/// dies, however it dies.
/// </summary>
internal static class ChildEntryPoint
{
    /// <summary>The start of every pool child's ActorSystem name; the child's id follows.</summary>
    public const string SystemNamePrefix = "actorpool-child-";

    public static async Task<int> RunAsync(string[] args)
    {
        _ = args;
        var stdin = Console.In;
        var first = await stdin.ReadLineAsync().ConfigureAwait(false);
        if (string.IsNullOrEmpty(first))
            return 2;
        var bootstrap = ChildBootstrap.Decode(first);
        ProcessFamily.Adopt(bootstrap.Certificate);
        if (bootstrap.Single is { } single)
            return await SingleRunner.RunAsync(single, stdin).ConfigureAwait(false);
        var config = ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.port = 0")
            .WithFallback(PoolConfig.Merge(ConfigurationFactory.ParseString(bootstrap.UserConfig)));
        // What the child logs goes to its parent, which logs it with its own factory (Logging.ChildLogSink).
        var system = Security.RemoteSetup.Start(
            $"{SystemNamePrefix}{bootstrap.ChildId}", config, bootstrap.Tls ? bootstrap.Certificate : null, new Logging.ChildLogWriter(Console.Error));
        ProcessFamily.Became(new ChildRole.PoolChild(system));
        system.SystemActorOf(LivenessActor.Props(bootstrap.ChildId), LivenessActor.Name);
        UndeliveredTasksActor.Start(system);
        ChildLine.Write(Console.Out, ChildLineKind.Ready, $"{system.Provider.DefaultAddress} {Akka.Remote.AddressUidExtension.Uid(system)}");

        // A pool child takes no commands on standard input; its end is the signal to exit.
        // A parent that died outright removed neither its shared-memory area nor this child's: the child does.
        var areas = SharedMemory.PayloadAreas.For(system);
        ParentWatch.Start(stdin, static _ => { }, exitCode: 0, () => areas.AbandonWithParent(bootstrap.ParentPid));
        await system.WhenTerminated.ConfigureAwait(false);
        return 0;
    }
}
