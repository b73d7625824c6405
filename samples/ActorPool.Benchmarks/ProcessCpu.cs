using System.Globalization;

namespace ActorPool.Benchmarks;

/// <summary>CPU time a process has used so far (user + system, its exited threads included), from /proc/PID/stat.</summary>
public static class ProcessCpu
{
    private static readonly double s_ticksPerSecond = 100; // USER_HZ, 100 on Linux

    public static double Milliseconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // "pid (comm) state ppid ...": comm may hold spaces, so count fields after the last ')'; utime and stime are fields 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 1000 / s_ticksPerSecond;
    }
}
