using System.Security.Cryptography;

namespace ActorPool.ClusterSample;

/// <summary>The sample's task: a hash chain, and where it ran.</summary>
public static class Jobs
{
    /// <summary>The environment variable a worker host sets for its children, so that a task can say where it ran.</summary>
    public const string RoleVariable = "ACTORPOOL_SAMPLE_ROLE";

    /// <summary>A hash chain over a block made from <paramref name="seed"/>; returns the machine and role it ran on.</summary>
    public static string HashWhere(int seed)
    {
        var block = new byte[4096];
        new Random(seed).NextBytes(block);
        var hash = SHA256.HashData(block);
        for (var i = 0; i < 2000; i++)
            hash = SHA256.HashData(hash);
        return $"{Environment.MachineName} {Environment.GetEnvironmentVariable(RoleVariable) ?? "driver"}";
    }
}
