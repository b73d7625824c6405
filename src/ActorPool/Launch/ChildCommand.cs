using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ActorPool.Launch;

/// <summary>
/// Builds the command that starts a child host against the caller's own deps.json and runtimeconfig, so that
/// the child resolves the caller's types (its task functions) with no extra code in the caller.
/// </summary>
internal static class ChildCommand
{
    public const string HostAssembly = "ActorPool.ChildHost.dll";

    // Not cached when it fails: an application may make its first pool before it calls ActorPoolHost.TryRunChild.
    private static readonly Lazy<(string FileName, string[] Arguments)> s_command = new(Locate, LazyThreadSafetyMode.PublicationOnly);

    /// <param name="environment">
    /// Variables for the child only. A variable already set in this process's environment is inherited as it is,
    /// unless its value here is empty: then the child does not have it at all.
    /// </param>
    /// <exception cref="PlatformNotSupportedException">This application cannot start children (see <see cref="Locate"/>).</exception>
    public static ProcessStartInfo Create(IReadOnlyDictionary<string, string>? environment = null)
    {
        var (fileName, arguments) = s_command.Value;
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            if (value.Length == 0)
                info.Environment.Remove(name);
            else if (Environment.GetEnvironmentVariable(name) is null)
                info.Environment[name] = value;
        }
        return info;
    }

    /// <summary>Fails at once, with why, in a process that cannot start children: native AOT, or a single file without the hook.</summary>
    /// <exception cref="PlatformNotSupportedException">This process cannot start children.</exception>
    /// <exception cref="FileNotFoundException">The child host is not beside the application.</exception>
    public static void EnsureAvailable() => _ = s_command.Value;

    /// <summary>
    /// The child host run by <c>dotnet exec</c> against the application's own deps.json and runtimeconfig, so that it
    /// resolves the application's types; or, in a single-file application (no deps.json) that calls
    /// <see cref="ActorPoolHost.TryRunChild"/>, the application itself with <see cref="ActorPoolHost.ChildArgument"/>.
    /// </summary>
    private static (string, string[]) Locate()
    {
        if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
            throw new PlatformNotSupportedException(
                "ActorPool does not run in native AOT applications: Akka.NET and its serializers compile code as they run, and a child " +
                "finds task functions by metadata that AOT compilation removes. Publish framework-dependent or self-contained instead " +
                "(a single file works too, with ActorPoolHost.TryRunChild at the top of Main).");
        // Empty in a single file, where the assemblies (the child host's too) are inside the application's executable.
#pragma warning disable IL3000
        var libraryDirectory = Path.GetDirectoryName(typeof(ChildCommand).Assembly.Location);
#pragma warning restore IL3000
        var deps = string.IsNullOrEmpty(libraryDirectory) ? null : (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string)?
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(File.Exists);
        // A self-contained application carries its own runtime (and may run where no dotnet is installed): with the hook,
        // it starts itself too.
        var selfContained = string.Equals(
            Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory()), Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), StringComparison.Ordinal);
        if ((deps is null || selfContained) && Hosting.ProcessFamily.StartsItselfAsChild && Environment.ProcessPath is { } self)
            return (self, [ActorPoolHost.ChildArgument]);
        if (deps is null)
        {
            throw new PlatformNotSupportedException(
                "ActorPool starts child processes against the application's deps.json, and this application has none (it is published " +
                "as a single file). Put `if (ActorPoolHost.TryRunChild(args, out var code)) return code;` at the top of Main: " +
                "the application then starts itself as its children.");
        }
        var runtimeConfig = deps[..^".deps.json".Length] + ".runtimeconfig.json";
        if (!File.Exists(runtimeConfig))
            throw new PlatformNotSupportedException($"ActorPool found no runtimeconfig beside the application's deps.json ({runtimeConfig}).");
        // Beside the application, or beside ActorPool.dll where a host loads it from elsewhere.
        var childHost = new[] { AppContext.BaseDirectory, libraryDirectory! }
            .Select(dir => Path.Combine(dir, HostAssembly))
            .FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"ActorPool's child host ({HostAssembly}) is not beside the application.", HostAssembly);
        return (DotnetHost(), ["exec", "--runtimeconfig", runtimeConfig, "--depsfile", deps, childHost]);
    }

    private static string DotnetHost()
    {
        var executable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && Path.GetFileName(self) == executable)
            return self;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { } hostPath && File.Exists(hostPath))
            return hostPath;
        // <root>/shared/Microsoft.NETCore.App/<version>/ holds the runtime; <root>/dotnet is the host.
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var root = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var candidate = Path.Combine(root, executable);
        return File.Exists(candidate) ? candidate : executable;
    }
}
