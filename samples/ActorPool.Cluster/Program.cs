using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorPool;
using ActorPool.ClusterSample;

// The worker mode: the very same build as the driver, so that its children find the task functions.
if (ActorPoolWorker.IsWorkerCommand(args))
{
    Environment.SetEnvironmentVariable(Jobs.RoleVariable, $"worker {Environment.ProcessId}");
    return await ActorPoolWorker.RunAsync(args);
}

var password = Environment.GetEnvironmentVariable("ACTORPOOL_CERTIFICATE_PASSWORD");

var certificatePath = new Argument<FileInfo>("path") { Description = "Where to write the PFX (password from ACTORPOOL_CERTIFICATE_PASSWORD, if set)." };
var makeCertificate = new Command("certificate", "Makes a cluster certificate: every driver and worker host presents it and accepts only it.") { certificatePath };
makeCertificate.SetAction(parsed =>
{
    var path = parsed.GetValue(certificatePath)!;
    File.WriteAllBytes(path.FullName, NewCertificate(password));
    Console.WriteLine($"Wrote {path.FullName}; copy it to every host of the cluster.");
});

var certificate = new Option<FileInfo>("--certificate") { Description = "The cluster's certificate (PFX).", Required = true };
var hostname = new Option<string>("--hostname") { Description = "This driver's address, as the workers reach it.", DefaultValueFactory = _ => "127.0.0.1" };
var port = new Option<int>("--port") { Description = "The driver's port: the workers' seed.", DefaultValueFactory = _ => 4053 };
var workers = new Option<int>("--workers") { Description = "Worker hosts to wait for (60 s at most) before the work starts.", DefaultValueFactory = _ => 1 };
var tasks = new Option<int>("--tasks") { Description = "Tasks to run.", DefaultValueFactory = _ => 4000 };
var drive = new Command("driver", "Starts a pool with one local child that founds the cluster, waits for worker hosts, and maps tasks over all of them.")
{
    certificate, hostname, port, workers, tasks,
};
drive.SetAction((parsed, cancellation) => DriveAsync(
    parsed.GetValue(certificate)!.FullName, parsed.GetValue(hostname)!, parsed.GetValue(port), parsed.GetValue(workers), parsed.GetValue(tasks), cancellation));

var demoWorkers = new Option<int>("--workers") { Description = "Worker hosts to start on this machine.", DefaultValueFactory = _ => 2 };
var demo = new Command("demo", "The whole cluster on this machine: a certificate, worker hosts as processes of this sample on loopback, and the driver.")
{
    demoWorkers,
};
demo.SetAction((parsed, cancellation) => DemoAsync(parsed.GetValue(demoWorkers), cancellation));

var root = new RootCommand("ActorPool over several machines: worker hosts (actorpool-worker ...) and a driver.") { makeCertificate, drive, demo };
return await root.Parse(args).InvokeAsync();

async Task<int> DriveAsync(string pfx, string host, int seedPort, int hosts, int count, CancellationToken cancellation)
{
    var cluster = new ClusterOptions
    {
        Seeds = [$"akka.ssl.tcp://{ClusterOptions.SystemName}@{host}:{seedPort}"],
        Hostname = host,
        Port = seedPort,
        CertificatePath = pfx,
        CertificatePassword = password,
    };
    await using var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 1, Cluster = cluster }, cancellation);
    Console.WriteLine($"Driver listening at {cluster.Seeds[0]}; waiting for {hosts} worker host(s)");
    var waited = Stopwatch.StartNew();
    while (pool.WorkerHosts < hosts && waited.Elapsed < TimeSpan.FromSeconds(60))
        await Task.Delay(100, cancellation);
    Console.WriteLine($"Worker hosts joined: {pool.WorkerHosts}");

    var watch = Stopwatch.StartNew();
    var where = await pool.Map(Jobs.HashWhere, Enumerable.Range(0, count), cancellation);
    watch.Stop();
    Console.WriteLine($"Ran {where.Count} tasks in {watch.Elapsed.TotalSeconds:F2} s:");
    foreach (var group in where.GroupBy(w => w).OrderBy(g => g.Key, StringComparer.Ordinal))
        Console.WriteLine($"  {group.Key}: {group.Count()}");
    return 0;
}

async Task<int> DemoAsync(int hosts, CancellationToken cancellation)
{
    var folder = Directory.CreateTempSubdirectory("actorpool-cluster-demo-");
    var pfx = Path.Combine(folder.FullName, "cluster.pfx");
    File.WriteAllBytes(pfx, NewCertificate(password));
    var seedPort = FreePort();
    var started = new List<Process>();
    try
    {
        for (var i = 0; i < hosts; i++)
        {
            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false };
            foreach (var arg in (string[])[
                typeof(Jobs).Assembly.Location, ActorPoolWorker.Command, "--seed", $"akka.ssl.tcp://{ClusterOptions.SystemName}@127.0.0.1:{seedPort}",
                "--hostname", "127.0.0.1", "--certificate", pfx, "--processes", "1"])
            {
                info.ArgumentList.Add(arg);
            }
            started.Add(Process.Start(info)!);
        }
        return await DriveAsync(pfx, "127.0.0.1", seedPort, hosts, 4000, cancellation);
    }
    finally
    {
        // As a service manager stops them: SIGTERM, then each finishes its tasks and leaves the cluster.
        foreach (var worker in started)
            Process.Start("kill", ["-TERM", worker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        foreach (var worker in started)
        {
            if (!worker.WaitForExit(TimeSpan.FromSeconds(30)))
                worker.Kill(entireProcessTree: true);
        }
        folder.Delete(recursive: true);
    }
}

static byte[] NewCertificate(string? password)
{
    using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    var request = new CertificateRequest("CN=actorpool-cluster", key, HashAlgorithmName.SHA256);
    var now = DateTimeOffset.UtcNow;
    using var made = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
    return made.Export(X509ContentType.Pkcs12, password);
}

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}
