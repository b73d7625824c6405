using System.Globalization;

namespace ActorPool.Benchmarks;

/// <summary>This process's peak resident memory since the last <see cref="Reset"/> (Linux: VmHWM, reset through clear_refs).</summary>
public static class PeakMemory
{
    public static void Reset() => File.WriteAllText("/proc/self/clear_refs", "5");

    public static double PeakRssMb()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
