using System.Globalization;

namespace ActorPool.Benchmarks;

/// <summary>RSS and PSS of a process, from /proc/PID/smaps_rollup, in MB.</summary>
public static class ProcessMemory
{
    public static (double RssMb, double PssMb) Read(int pid)
    {
        double rss = 0, pss = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
        {
            if (line.StartsWith("Rss:", StringComparison.Ordinal))
                rss = Kilobytes(line) / 1024.0;
            else if (line.StartsWith("Pss:", StringComparison.Ordinal))
                pss = Kilobytes(line) / 1024.0;
        }
        return (rss, pss);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
