using System.Runtime.InteropServices;

namespace ActorPool.SharedMemory;

/// <summary>The few Linux calls the shared-memory areas need and .NET does not offer.</summary>
internal static partial class Native
{
    private const int MadviseRemove = 9;

    /// <summary>Reserves the pages of a range of a tmpfs file, so that writing through a mapping cannot fault for want of space.</summary>
    /// <returns>False when the file system has no room (or cannot reserve).</returns>
    public static bool TryReserve(SafeHandle file, long offset, long length)
    {
        var added = false;
        file.DangerousAddRef(ref added);
        try
        {
            return Fallocate((int)file.DangerousGetHandle(), 0, offset, length) == 0;
        }
        finally
        {
            if (added)
                file.DangerousRelease();
        }
    }

    /// <summary>Gives the pages of a mapped range of a tmpfs file back to the system (the range reads as zeros after).</summary>
    public static unsafe void Discard(byte* start, long length)
    {
        if (length > 0)
            _ = Madvise(start, (nuint)length, MadviseRemove);
    }

    /// <summary>The user this process runs as.</summary>
    public static uint EffectiveUid() => GetEffectiveUid();

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUid();

    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static partial int Fallocate(int fd, int mode, long offset, long length);

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static unsafe partial int Madvise(byte* address, nuint length, int advice);
}
