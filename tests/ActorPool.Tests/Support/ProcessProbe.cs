using System.Diagnostics;

namespace ActorPool.Tests.Support;

/// <summary>Looks at processes by pid, whoever their parent is.</summary>
internal static class ProcessProbe
{
    /// <summary>True while the process exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Format: "pid (comm) S ..."; comm may contain spaces, so read the state after the last ')'.
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    /// <summary>Waits until every one of <paramref name="pids"/> has exited; false if some still run after <paramref name="limit"/>.</summary>
    public static async Task<bool> WaitForExitAsync(IEnumerable<int> pids, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        var waiting = pids.ToList();
        while (waiting.Any(IsAlive))
        {
            if (watch.Elapsed > limit)
                return false;
            await Task.Delay(20);
        }
        return true;
    }

    /// <summary>Sends a signal (its name without SIG, e.g. "STOP") to a process.</summary>
    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
    }

    /// <summary>SIGKILLs whatever of <paramref name="pids"/> still runs; returns the pids it had to kill.</summary>
    public static IReadOnlyList<int> KillSurvivors(IEnumerable<int> pids)
    {
        var killed = new List<int>();
        foreach (var pid in pids.Where(IsAlive))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                killed.Add(pid);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Exited meanwhile.
            }
        }
        return killed;
    }
}
