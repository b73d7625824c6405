using System.Security.Cryptography;

namespace ActorPool.WorkerService;

/// <summary>Task functions: they run in the pool's child processes.</summary>
public static class Jobs
{
    /// <summary>A CPU-bound job: the SHA-256 of a generated "file" of the given size.</summary>
    public static (int File, string Sha256, int Pid) Checksum(int file, int bytes)
    {
        var data = new byte[bytes];
        new Random(file).NextBytes(data);
        return (file, Convert.ToHexString(SHA256.HashData(data))[..16], Environment.ProcessId);
    }
}
