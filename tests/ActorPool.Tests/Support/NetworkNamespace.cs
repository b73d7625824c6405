using System.Diagnostics;

namespace ActorPool.Tests.Support;

/// <summary>
/// A network namespace joined to this one by a veth pair, for a worker host on a network of its own: taking the link
/// down is a network partition between it and every other node (both sides keep running), bringing it up heals it.
/// Needs root and <c>ip netns</c>; <see cref="Unavailable"/> says why not where they are missing.
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    private static int s_next;
    private readonly string _hostSide;

    public NetworkNamespace()
    {
        // Names of at most 15 characters, and a subnet of its own, for each namespace of each test process.
        var next = Interlocked.Increment(ref s_next);
        var id = $"{Environment.ProcessId % 10000}x{next}";
        Name = "ap" + id;
        _hostSide = "aph" + id;
        var subnet = $"10.{200 + Environment.ProcessId % 50}.{next % 250}";
        HostAddress = subnet + ".1";
        InsideAddress = subnet + ".2";
        Run("ip", "netns", "add", Name);
        try
        {
            Run("ip", "link", "add", _hostSide, "type", "veth", "peer", "name", "apn" + id);
            Run("ip", "link", "set", "apn" + id, "netns", Name);
            Run("ip", "addr", "add", HostAddress + "/24", "dev", _hostSide);
            Run("ip", "link", "set", _hostSide, "up");
            Run("ip", "netns", "exec", Name, "ip", "addr", "add", InsideAddress + "/24", "dev", "apn" + id);
            Run("ip", "netns", "exec", Name, "ip", "link", "set", "apn" + id, "up");
            Run("ip", "netns", "exec", Name, "ip", "link", "set", "lo", "up");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Name { get; }

    /// <summary>This side's address on the link: the other nodes listen here, so that the namespace reaches them.</summary>
    public string HostAddress { get; }

    /// <summary>The namespace's address on the link.</summary>
    public string InsideAddress { get; }

    /// <summary>Set to 1, the tests behave as where namespaces cannot be made (to try their fallback as root).</summary>
    public const string TurnedOff = "ACTORPOOL_TEST_NO_NETNS";

    /// <summary>Why namespaces cannot be made here, or null when they can.</summary>
    public static string? Unavailable { get; } = Probe();

    /// <summary>Cuts the namespace off (the link goes down); every process on either side keeps running.</summary>
    public void Partition() => Run("ip", "link", "set", _hostSide, "down");

    /// <summary>Joins the namespace again.</summary>
    public void Heal() => Run("ip", "link", "set", _hostSide, "up");

    /// <summary>Deleting the namespace deletes its end of the pair, and with it this one.</summary>
    public void Dispose()
    {
        TryRun("ip", "netns", "delete", Name);
        TryRun("ip", "link", "delete", _hostSide);
    }

    private static string? Probe()
    {
        if (Environment.GetEnvironmentVariable(TurnedOff) is "1")
            return $"turned off by {TurnedOff}=1";
        if (!OperatingSystem.IsLinux())
            return "network namespaces are Linux's";
        if (Environment.UserName != "root")
            return "making network namespaces needs root";
        var name = $"approbe{Environment.ProcessId % 100000}";
        if (!TryRun("ip", "netns", "add", name))
            return "`ip netns add` failed here (no iproute2, or no permission to make namespaces)";
        TryRun("ip", "netns", "delete", name);
        return null;
    }

    private static void Run(params string[] command)
    {
        if (!TryRun(command))
            throw new InvalidOperationException($"`{string.Join(' ', command)}` failed");
    }

    private static bool TryRun(params string[] command)
    {
        var info = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in command[1..])
            info.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(info)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
