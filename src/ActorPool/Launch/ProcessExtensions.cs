using System.Diagnostics;

namespace ActorPool.Launch;

/// <summary>Ending a child process, whichever way, when it may already be gone.</summary>
internal static class ProcessExtensions
{
    /// <summary>SIGKILLs the process and its descendants; true if it was still running.</summary>
    public static bool KillQuietly(this Process process)
    {
        try
        {
            if (process.HasExited)
                return false;
            process.Kill(entireProcessTree: true);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false; // It exited meanwhile.
        }
    }

    /// <summary>Writes a line to the process's standard input, or closes it when <paramref name="line"/> is null; nothing if it is gone.</summary>
    public static void TellQuietly(this Process process, string? line)
    {
        try
        {
            if (line is null)
            {
                process.StandardInput.Close();
                return;
            }
            process.StandardInput.WriteLine(line);
            process.StandardInput.Flush();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            // It exited meanwhile.
        }
    }
}
