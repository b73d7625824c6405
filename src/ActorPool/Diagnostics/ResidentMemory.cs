namespace ActorPool.Diagnostics;

/// <summary>A process's resident memory, as the kernel counts it (<c>/proc/&lt;pid&gt;/statm</c>).</summary>
internal static class ResidentMemory
{
    /// <summary>Resident bytes of <paramref name="pid"/>, or null when it cannot be read (gone, or not Linux).</summary>
    public static long? Of(int pid)
    {
        try
        {
            var fields = File.ReadAllText($"/proc/{pid}/statm").Split(' ', 3);
            return long.TryParse(fields[1], out var pages) ? pages * Environment.SystemPageSize : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
