using System.Globalization;

namespace ActorPool.SharedMemory;

/// <summary>Names one process's shared-memory area: the process and a random part, so that a name is never reused.</summary>
internal readonly record struct AreaId(int Pid, Guid Nonce)
{
    private const string Extension = ".area";

    /// <summary>The area's file name in its directory: <c>&lt;pid&gt;-&lt;nonce&gt;.area</c>.</summary>
    public string FileName => $"{Pid.ToString(CultureInfo.InvariantCulture)}-{Nonce:N}{Extension}";

    /// <summary>A new name for an area of this process.</summary>
    public static AreaId NewForThisProcess() => new(Environment.ProcessId, Guid.NewGuid());

    /// <summary>Reads a file name back; false for anything that is not an area's.</summary>
    public static bool TryParse(string fileName, out AreaId id)
    {
        id = default;
        if (!fileName.EndsWith(Extension, StringComparison.Ordinal))
            return false;
        var dash = fileName.IndexOf('-');
        if (dash <= 0
            || !int.TryParse(fileName.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !Guid.TryParseExact(fileName.AsSpan(dash + 1, fileName.Length - dash - 1 - Extension.Length), "N", out var nonce))
            return false;
        id = new AreaId(pid, nonce);
        return true;
    }
}
