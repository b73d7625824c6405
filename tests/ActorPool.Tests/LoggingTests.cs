using System.Diagnostics;
using System.Net.Sockets;
using ActorPool.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.Logging;

namespace ActorPool.Tests;

[Collection(ProcessWide.Name)]
public sealed class LoggingTests
{
    [Fact]
    public async Task WhatAChildLogs_ReachesTheParentsLoggerFactory_WithItsLevelCategoryAndThePidInAScope()
    {
        var log = new CapturingLoggerFactory();
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, LoggerFactory = log });
        var marker = Guid.NewGuid().ToString("N");

        var pid = await scope.Pool.ApplyAsync(Jobs.LogFromChild, marker);

        Assert.True(await Wait.UntilAsync(() => log.Entries.Count(e => e.Message.Contains(marker)) == 2, TimeSpan.FromSeconds(30)), "the child's entries never arrived");
        var entries = log.Entries.Where(e => e.Message.Contains(marker)).ToList();
        var akka = Assert.Single(entries, e => e.Message.Contains("logged in the child"));
        Assert.Equal(LogLevel.Warning, akka.Level);
        Assert.NotEqual("ActorPool.Child", akka.Category); // the child's own category (the logging class), not a catch-all
        var plain = Assert.Single(entries, e => e.Message.StartsWith("plain stderr"));
        Assert.Equal("ActorPool.Child", plain.Category);
        Assert.All(entries, e =>
        {
            var fields = Assert.IsAssignableFrom<IReadOnlyList<KeyValuePair<string, object?>>>(e.Scope);
            Assert.Contains(new KeyValuePair<string, object?>("ChildPid", pid), fields);
        });
    }

    [Fact]
    public async Task ChildProcessWithLoggerFactory_ItsOutputAndErrorLines_ReachTheFactoryInTheChildsScope()
    {
        var log = new CapturingLoggerFactory();
        var marker = Guid.NewGuid().ToString("N");
        await using var worker = Worker.Start(Jobs.PrintFromChild, marker, new ChildProcessOptions { LoggerFactory = log });

        var pid = await worker;
        await worker.JoinAsync();

        // Told after the child's last lines: both are in once the worker has exited.
        var entries = log.Entries.Where(e => e.Message.Contains(marker)).ToList();
        var output = Assert.Single(entries, e => e.Message.StartsWith("plain stdout"));
        Assert.Equal((LogLevel.Debug, "ActorPool.Child.Output"), (output.Level, output.Category));
        var error = Assert.Single(entries, e => e.Message.StartsWith("plain stderr"));
        Assert.Equal((LogLevel.Warning, "ActorPool.Child"), (error.Level, error.Category));
        Assert.All(entries, e =>
        {
            var fields = Assert.IsAssignableFrom<IReadOnlyList<KeyValuePair<string, object?>>>(e.Scope);
            Assert.Contains(new KeyValuePair<string, object?>("ChildPid", pid), fields);
        });
    }

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
        // Akka's watch failure detector made quicker, so that a watch left on a child that has exited (Akka.Remote then
        // warns that the child is unreachable) shows while the pool is still recycling, not ten seconds later; its pause
        // still long enough that only a stall of over 2.6 s makes it warn that heartbeats are late.
        var config = ConfigurationFactory.ParseString(
            "akka.remote.watch-failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 4s, unreachable-nodes-reaper-interval = 200ms }");
        await using (var scope = await TestPool.StartAsync(new PoolOptions { Processes = 2, MaxTasksPerChild = 5, LoggerFactory = log, Config = config }))
            await scope.Pool.Map(Jobs.SleepThenReturnAsync, Enumerable.Repeat(20, 150));

        var loud = log.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Level} {e.Category}: {e.Message}").ToList();
        Assert.True(loud.Count == 0, string.Join(Environment.NewLine, loud));
    }

    private static IEnumerable<LogEntry> Summaries(CapturingLoggerFactory log) => log.Entries.Where(e => e.Category == "ActorPool.Connections");

    private static int CountIn(LogEntry summary) => int.Parse(summary.Message.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
}
