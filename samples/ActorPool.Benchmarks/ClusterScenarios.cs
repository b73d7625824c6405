using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorPool.Benchmarks;

/// <summary>
/// A pool over several hosts (issue 18), all on this machine: Map throughput of a driver with two worker hosts against one
/// host alone, round by round in one run, and how long a SIGKILLed host's tasks wait before they are placed elsewhere.
/// </summary>
public static class ClusterScenarios
{
    private const int Tasks = 20_000;

    public static IReadOnlyDictionary<string, Func<int, Task<IReadOnlyList<Measurement>>>> All { get; } =
        new Dictionary<string, Func<int, Task<IReadOnlyList<Measurement>>>> { ["cluster"] = ClusterAsync };

    private static async Task<IReadOnlyList<Measurement>> ClusterAsync(int rounds)
    {
        using var hosts = new LocalHosts();
        await using var alone = await PoolFactory.StartAsync(new PoolOptions { Processes = 2 });
        await using var driver = await PoolFactory.StartAsync(new PoolOptions { Processes = 1, Cluster = hosts.Driver });
        hosts.StartWorker();
        hosts.StartWorker();
        await UntilAsync(() => driver.WorkerHosts == 2);

        static async Task<double> Rate(ProcessPool pool)
        {
            var watch = Stopwatch.StartNew();
            await pool.Map(Work.Noop, Enumerable.Range(0, Tasks));
            return Tasks / watch.Elapsed.TotalSeconds;
        }
        await Rate(alone);
        await Rate(driver);
        var aloneRates = new List<double>();
        var clusterRates = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            aloneRates.Add(await Rate(alone));
            clusterRates.Add(await Rate(driver));
        }

        // A host dies while it holds tasks: from its SIGKILL to the driver placing them elsewhere (the host leaves the pool
        // and its tasks are queued again in the same step). Then a new host takes its place for the next round.
        var detections = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            using var stop = new CancellationTokenSource();
            var busy = driver.Map(Work.DelayAsync, Enumerable.Repeat(20, 100_000), stop.Token).ToListAsync(stop.Token).AsTask();
            await UntilAsync(() => driver.WorkerHosts == 2);
            await Task.Delay(500);
            var watch = Stopwatch.StartNew();
            hosts.KillOne();
            await UntilAsync(() => driver.WorkerHosts == 1);
            detections.Add(watch.Elapsed.TotalSeconds);
            await stop.CancelAsync();
            await busy.ContinueWith(_ => { }, TaskScheduler.Default);
            hosts.StartWorker();
            await UntilAsync(() => driver.WorkerHosts == 2);
        }

        const string work = "Map of 20,000 no-ops";
        return
        [
            new("cluster", $"{work}, 1 host: 2 local children", "tasks/s", aloneRates, ""),
            new("cluster", $"{work}, driver (1 child) + 2 worker hosts (1 child each), one machine", "tasks/s", clusterRates, ""),
            new("cluster", "worker host SIGKILLed to its tasks placed elsewhere", "s", detections, ""),
        ];
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException("The worker hosts did not join (or leave) within 60 s.");
            await Task.Delay(10);
        }
    }

    /// <summary>A cluster certificate, a seed port and worker hosts: this program in its worker mode, on loopback.</summary>
    private sealed class LocalHosts : IDisposable
    {
        private const string Password = "benchmark";
        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("actorpool-bench-cluster-");
        private readonly List<Process> _workers = [];
        private readonly string _certificate;
        private readonly int _port;

        public LocalHosts()
        {
            _certificate = Path.Combine(_folder.FullName, "cluster.pfx");
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var now = DateTimeOffset.UtcNow;
            using var made = new CertificateRequest("CN=actorpool-bench", key, HashAlgorithmName.SHA256).CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
            File.WriteAllBytes(_certificate, made.Export(X509ContentType.Pkcs12, Password));
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            _port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private string Seed => $"akka.ssl.tcp://{ClusterOptions.SystemName}@127.0.0.1:{_port}";

        public ClusterOptions Driver => new()
        {
            Seeds = [Seed], Hostname = "127.0.0.1", Port = _port, CertificatePath = _certificate, CertificatePassword = Password,
        };

        public void StartWorker()
        {
            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false };
            foreach (var arg in (string[])[
                typeof(LocalHosts).Assembly.Location, ActorPoolWorker.Command, "--seed", Seed, "--hostname", "127.0.0.1",
                "--certificate", _certificate, "--processes", "1"])
            {
                info.ArgumentList.Add(arg);
            }
            info.Environment["ACTORPOOL_CERTIFICATE_PASSWORD"] = Password;
            _workers.Add(Process.Start(info)!);
        }

        /// <summary>SIGKILLs the oldest live worker host, not its children (as when its machine dies: they end on their own).</summary>
        public void KillOne()
        {
            var victim = _workers.First(w => !w.HasExited);
            victim.Kill(entireProcessTree: false);
            victim.WaitForExit();
        }

        public void Dispose()
        {
            foreach (var worker in _workers)
            {
                if (!worker.HasExited)
                    worker.Kill(entireProcessTree: true);
                worker.Dispose();
            }
            _folder.Delete(recursive: true);
        }
    }
}
