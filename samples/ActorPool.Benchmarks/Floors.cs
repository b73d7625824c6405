using System.Diagnostics;
using System.Net.Sockets;
using Akka.Actor;
using ActorPool.Configuration;
using ActorPool.Security;

namespace ActorPool.Benchmarks;

/// <summary>What the scenarios are compared with: a raw TCP echo and a raw Akka.Remote echo between two processes.</summary>
public static class Floors
{
    /// <summary>Round trip of a 4-byte message, in microseconds (p50 and p99), and MiB/s of 1 MiB echoes.</summary>
    public static async Task<(double P50Micros, double P99Micros, double MibPerSecond)> TcpAsync()
    {
        var (server, port) = EchoServers.Launch(EchoServers.TcpArgument);
        try
        {
            using var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync("127.0.0.1", int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
            var stream = client.GetStream();
            var small = new byte[4];
            var samples = new List<double>();
            for (var i = 0; i < 3000; i++)
            {
                var watch = Stopwatch.StartNew();
                await EchoAsync(stream, small);
                if (i >= 500)
                    samples.Add(watch.Elapsed.TotalMicroseconds);
            }
            var large = new byte[1024 * 1024];
            await EchoAsync(stream, large);
            var bulk = Stopwatch.StartNew();
            for (var i = 0; i < 100; i++)
                await EchoAsync(stream, large);
            return (Percentile(samples, 0.5), Percentile(samples, 0.99), 100 * 2 / bulk.Elapsed.TotalSeconds);
        }
        finally
        {
            server.Kill();
            server.Dispose();
        }
    }

    private static async Task EchoAsync(NetworkStream stream, byte[] payload)
    {
        await stream.WriteAsync(BitConverter.GetBytes(payload.Length));
        await stream.WriteAsync(payload);
        var header = new byte[4];
        await stream.ReadExactlyAsync(header);
        await stream.ReadExactlyAsync(payload.AsMemory(0, BitConverter.ToInt32(header)));
    }

    /// <summary>
    /// Akka.Remote echo with ActorPool's serializer: sequential ask p50 and p99 (us, over as many asks as the latency
    /// scenario times per round), pipelined asks/s (512 in flight), MiB/s of 1 MiB echoes.
    /// </summary>
    public static async Task<(double P50Micros, double P99Micros, double AsksPerSecond, double MibPerSecond)> AkkaAsync(bool tls)
    {
        var certificate = tls ? PoolCertificate.Create() : null;
        var (server, address) = EchoServers.Launch(EchoServers.AkkaArgument, certificate is null ? "off" : Convert.ToBase64String(certificate));
        var system = ActorSystem.Create("floor", RemoteSetup.Create(PoolConfig.Merge(null), certificate));
        try
        {
            var echo = await system.ActorSelection($"{address}/user/echo").ResolveOne(TimeSpan.FromSeconds(30));
            var timeout = TimeSpan.FromSeconds(30);
            for (var i = 0; i < 500; i++)
                await echo.Ask<int>(i, timeout);
            var samples = new List<double>();
            for (var i = 0; i < 5000; i++)
            {
                var watch = Stopwatch.StartNew();
                await echo.Ask<int>(i, timeout);
                samples.Add(watch.Elapsed.TotalMicroseconds);
            }
            var pipelined = Stopwatch.StartNew();
            await Pipelined(20_000, 512, i => echo.Ask<int>(i, timeout));
            var asks = 20_000 / pipelined.Elapsed.TotalSeconds;
            var large = new byte[1024 * 1024];
            await echo.Ask<byte[]>(large, timeout);
            var bulk = Stopwatch.StartNew();
            for (var i = 0; i < 50; i++)
                await echo.Ask<byte[]>(large, timeout);
            return (Percentile(samples, 0.5), Percentile(samples, 0.99), asks, 50 * 2 / bulk.Elapsed.TotalSeconds);
        }
        finally
        {
            server.Kill();
            server.Dispose();
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Runs <paramref name="count"/> calls with at most <paramref name="inFlight"/> at once.</summary>
    public static async Task Pipelined(int count, int inFlight, Func<int, Task> call)
    {
        var next = -1;
        async Task Lane()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                await call(i);
        }
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Lane()));
    }

    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        var sorted = samples.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }

    /// <summary>
    /// What the shared-memory path costs at least: a payload written into a slot of an area and read back into a new
    /// array through a second mapping of the same file (as a child would), in MiB/s of payload, in one process.
    /// </summary>
    public static double SharedMemory(int size, int iterations)
    {
        var directory = ActorPool.SharedMemory.AreaDirectory.TryOpen("/dev/shm", out var why) ?? throw new InvalidOperationException(why);
        using var area = ActorPool.SharedMemory.OwnArea.Create(directory, 1L << 30);
        using var peer = ActorPool.SharedMemory.PeerArea.TryOpen(directory, area.Id) ?? throw new InvalidOperationException("The area cannot be mapped again.");
        var payload = new byte[size];
        Random.Shared.NextBytes(payload);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            var handle = area.TryWrite(size, payload, static (span, bytes) => bytes.CopyTo(span)) ?? throw new InvalidOperationException("The area is full.");
            _ = peer.Read(handle, static data => ActorPool.Wire.WireReader.ToArray(data));
            peer.MarkReleased(handle);
        }
        return (double)size * iterations / (1024 * 1024) / watch.Elapsed.TotalSeconds;
    }
}
