using System.Runtime.InteropServices;

namespace ActorPool.Child;

/// <summary>
/// glibc's malloc keeps the memory its callers (the runtime, OpenSSL, the JIT) have freed, for later allocations. An
/// idle child makes few, so that memory goes back to the OS when the child trims.
/// </summary>
internal static class NativeHeap
{
    /// <summary>Returns the free memory of every malloc arena to the OS.</summary>
    /// <returns>False where glibc is not the C library, and nothing was done: there is no use asking again.</returns>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            _ = MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl or another C library: nothing to give back this way.
            return false;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
