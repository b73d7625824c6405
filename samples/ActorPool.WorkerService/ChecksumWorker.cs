using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorPool.WorkerService;

/// <summary>The service's work: checksums of a batch of files computed across the pool, then the pool's health, then the host stops.</summary>
public sealed class ChecksumWorker(
    IProcessPool pool, HealthCheckService health, IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<ChecksumWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var files = configuration.GetValue("Checksums:Files", 40);
        var bytes = configuration.GetValue("Checksums:BytesPerFile", 200_000);
        log.LogInformation("Checksumming {Files} files of {Bytes} bytes on children {Pids}", files, bytes, string.Join(", ", pool.ChildPids));

        var perChild = new Dictionary<int, int>();
        await foreach (var (file, sha, pid) in pool.StarMap(Jobs.Checksum, Enumerable.Range(0, files).Select(f => (f, bytes)), stoppingToken))
        {
            perChild[pid] = perChild.GetValueOrDefault(pid) + 1;
            if (file % 10 == 0)
                log.LogInformation("File {File}: {Sha256}... (child {Pid})", file, sha, pid);
        }
        log.LogInformation("Done: {Files} files; per child process: {PerChild}", files, string.Join(", ", perChild.Select(p => $"{p.Key}: {p.Value}")));

        var report = await health.CheckHealthAsync(stoppingToken);
        foreach (var (name, entry) in report.Entries)
            log.LogInformation("Health check {Name}: {Status} ({Description})", name, entry.Status, entry.Description);

        // A one-shot job: the service stops when its work is done (a long-running service would loop instead).
        lifetime.StopApplication();
    }
}
