using System.Diagnostics;
using System.Net.Sockets;
using ActorPool.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.Logging;

namespace ActorPool.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task JunkConnectionsToThePool_Thousand_AreSummedUpWithoutStackTracesAndCallsStayFast()
    {
        var log = new CapturingLoggerFactory();
        var config = ConfigurationFactory.ParseString("actorpool.log.connection-failure-interval = 500ms");
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, Config = config, LoggerFactory = log });
        var port = ((ExtendedActorSystem)scope.Pool.System).Provider.DefaultAddress.Port!.Value;
        for (var i = 0; i < 200; i++)
            await scope.Pool.ApplyAsync(Jobs.Twice, i);

        // A thousand junk connections over about two and a half seconds, while calls go on.
        var connections = 0;
        var flood = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var junk = new byte[64];
            for (var i = 0; i < 250; i++)
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                Random.Shared.NextBytes(junk);
                await client.GetStream().WriteAsync(junk);
                Interlocked.Increment(ref connections);
                await Task.Delay(10);
            }
        })));
        var latencies = new List<double>();
        while (!flood.IsCompleted)
        {
            var watch = Stopwatch.StartNew();
            await scope.Pool.ApplyAsync(Jobs.Twice, 1);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }
        await flood;
        Assert.True(await Wait.UntilAsync(() => Summaries(log).Sum(CountIn) >= connections, TimeSpan.FromSeconds(30)),
            $"the summaries count {Summaries(log).Sum(CountIn)} failed connections of {connections}");

        latencies.Sort();
        var p99 = latencies[(int)(latencies.Count * 0.99)];
        Assert.True(p99 < 50, $"ApplyAsync p99 was {p99:0.0} ms ({latencies.Count} calls) during a flood of {connections} connections");
        Assert.All(Summaries(log), e => Assert.Equal(LogLevel.Information, e.Level));
        var loud = log.Entries.Where(e => e.Level >= LogLevel.Warning || e.Exception is not null).Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception?.GetType()}").ToList();
        Assert.True(loud.Count == 0, string.Join(Environment.NewLine, loud));
    }

    [Fact]
    public async Task CleanRun_StartRecycleAndDispose_LogsNothingAtWarningOrAbove()
    {
        var log = new CapturingLoggerFactory();
        await using (var scope = await TestPool.StartAsync(new PoolOptions { Processes = 2, MaxTasksPerChild = 5, LoggerFactory = log }))
            await scope.Pool.Map(Jobs.Twice, Enumerable.Range(0, 40));

        var loud = log.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Level} {e.Category}: {e.Message}").ToList();
        Assert.True(loud.Count == 0, string.Join(Environment.NewLine, loud));
    }

    private static IEnumerable<LogEntry> Summaries(CapturingLoggerFactory log) => log.Entries.Where(e => e.Category == "ActorPool.Connections");

    private static int CountIn(LogEntry summary) => int.Parse(summary.Message.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
}
