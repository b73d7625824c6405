namespace ActorPool.Tests.Support;

/// <summary>
/// The test assembly's entry point (the test runner never calls it), so that the multi-host tests can run hosts from the
/// very build that drives them, as a user's application runs its own worker mode:
/// <c>dotnet ActorPool.Tests.dll actorpool-worker ...</c> runs a worker host, and
/// <c>dotnet ActorPool.Tests.dll test-driver &lt;port&gt; &lt;certificate&gt; &lt;password&gt; &lt;directory&gt;</c> a driver
/// that founds the cluster at that port and keeps its hosts busy with tasks that wait to be cancelled, until it is killed.
/// </summary>
public static class TestProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (ActorPoolWorker.IsWorkerCommand(args))
            return await ActorPoolWorker.RunAsync(args);
        if (args is ["test-driver", var port, var certificate, var password, var directory])
        {
            await DriveAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), certificate, password, directory);
            return 0;
        }
        return 2;
    }

    private static async Task DriveAsync(int port, string certificate, string password, string directory)
    {
        var cluster = new ClusterOptions
        {
            Seeds = [$"akka.ssl.tcp://actorpool@127.0.0.1:{port}"],
            Hostname = "127.0.0.1",
            Port = port,
            CertificatePath = certificate,
            CertificatePassword = password,
        };
        await using var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 1, Cluster = cluster });
        while (pool.WorkerHosts == 0)
            await Task.Delay(50);
        // Round-robin over the local child and the host: half of them wait on the host.
        var tasks = Enumerable.Range(0, 8).Select(_ => pool.ApplyAsync(ClusterJobs.MarkWhenCancelledAsync, directory)).ToList();
        await Task.WhenAll(tasks);
    }
}
