namespace ActorPool.Tests.Support;

/// <summary>Task functions of the multi-host tests.</summary>
public static class ClusterJobs
{
    /// <summary>Where it runs: the worker host's name (<see cref="ClusterHosts.WorkerVariable"/>), or "driver".</summary>
    public static string Where() => Environment.GetEnvironmentVariable(ClusterHosts.WorkerVariable) ?? "driver";

    /// <summary>
    /// Marks <c>&lt;where&gt;-&lt;id&gt;.started</c> in <paramref name="directory"/>, waits for its token, then marks
    /// <c>.cancelled</c> beside it: the test sees which host ran it and that the cancellation reached it.
    /// </summary>
    public static async Task<bool> MarkWhenCancelledAsync(string directory, CancellationToken cancellationToken)
    {
        var marker = Path.Combine(directory, $"{Where()}-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(marker + ".started", "", CancellationToken.None);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return false;
        }
        catch (OperationCanceledException)
        {
            await File.WriteAllTextAsync(marker + ".cancelled", "", CancellationToken.None);
            return true;
        }
    }
}
