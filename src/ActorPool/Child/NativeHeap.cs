using System.Runtime.InteropServices;

namespace ActorPool.Child;

/// <summary>
/// glibc's malloc keeps the memory its callers (the runtime, OpenSSL, the JIT) have freed, for later allocations. An
/// idle child makes few, so that memory goes back to the OS when the child trims.
/// </summary>
internal static class NativeHeap
{
    /// <summary>Returns the free memory of every malloc arena to the OS; does nothing where glibc is not the C library.</summary>
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux())
            return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl or another C library: nothing to give back this way.
        }
    }

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
