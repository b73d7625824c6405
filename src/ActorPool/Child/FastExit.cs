using System.Runtime.InteropServices;

namespace ActorPool.Child;

/// <summary>
/// Ends a child at once when its parent is gone (or asked it to go and has nothing more to hear from it): the process
/// exits without running the runtime's orderly shutdown, which under heavy load could keep an orphan alive for
/// seconds. Nothing is lost: nobody is left to read what it would still write.
/// </summary>
internal static class FastExit
{
    public static void Now(int exitCode)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        if (OperatingSystem.IsLinux())
        {
            try
            {
                ExitLinux(exitCode);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // An unusual libc: the orderly way below.
            }
        }
        Environment.Exit(exitCode);
    }

    [DllImport("libc.so.6", EntryPoint = "_exit")]
    private static extern void ExitLinux(int status);
}
