namespace ActorPool.Security;

/// <summary>
/// The one certificate of a process family: made once by the root process, handed on to every child it
/// starts (pool children and <see cref="ChildProcess"/> children alike), and adopted by each child for its
/// own children. Every ActorSystem of the family pins it, so that any of them can reach a shared primitive
/// hosted in any other, and no process outside the family can reach any of them.
/// </summary>
internal static class FamilyCertificate
{
    private static readonly object s_lock = new();
    private static byte[]? s_credential;

    /// <summary>The family's certificate with its key (<see cref="PoolCertificate.Load"/> reads it); made on first use in a root process.</summary>
    public static byte[] Credential
    {
        get
        {
            lock (s_lock)
                return s_credential ??= PoolCertificate.Create();
        }
    }

    /// <summary>In a child: takes the certificate its parent handed over, before anything asks for one.</summary>
    public static void Adopt(byte[] credential)
    {
        lock (s_lock)
            s_credential = credential;
    }
}
