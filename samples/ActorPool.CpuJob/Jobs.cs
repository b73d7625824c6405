using System.Security.Cryptography;

namespace ActorPool.CpuJob;

/// <summary>Task functions: they run in the child processes.</summary>
public static class Jobs
{
    /// <summary>
    /// A CPU-bound job: generates a block of pixel-like data from its seed and hashes it over and over (a stand-in for
    /// image filtering or key stretching); returns the first bytes of the final hash.
    /// </summary>
    public static string HashChain(int seed, int rounds)
    {
        var block = new byte[64 * 1024];
        new Random(seed).NextBytes(block);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(block, hash);
        for (var i = 1; i < rounds; i++)
        {
            hash.CopyTo(block);
            SHA256.HashData(block, hash);
        }
        return Convert.ToHexString(hash[..6]);
    }
}
