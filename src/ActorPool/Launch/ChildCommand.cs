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

    private static readonly Lazy<(string Host, string Deps, string RuntimeConfig, string ChildHost)> s_paths = new(Locate);

    /// <param name="environment">
    /// Variables for the child only. A variable already set in this process's environment is inherited as it is,
    /// unless its value here is empty: then the child does not have it at all.
    /// </param>
    public static ProcessStartInfo Create(IReadOnlyDictionary<string, string>? environment = null)
    {
        var (host, deps, runtimeConfig, childHost) = s_paths.Value;
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add("--runtimeconfig");
        info.ArgumentList.Add(runtimeConfig);
        info.ArgumentList.Add("--depsfile");
        info.ArgumentList.Add(deps);
        info.ArgumentList.Add(childHost);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            if (value.Length == 0)
                info.Environment.Remove(name);
            else if (Environment.GetEnvironmentVariable(name) is null)
                info.Environment[name] = value;
        }
        return info;
    }

    private static (string, string, string, string) Locate()
    {
        var deps = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string)?
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(File.Exists)
            ?? throw new PlatformNotSupportedException(
                "ActorPool starts child processes against the application's deps.json, and this application has none " +
                "(single-file or native AOT publishing). Publish as a framework-dependent application.");
        var runtimeConfig = deps[..^".deps.json".Length] + ".runtimeconfig.json";
        if (!File.Exists(runtimeConfig))
            throw new PlatformNotSupportedException($"ActorPool found no runtimeconfig beside the application's deps.json ({runtimeConfig}).");
        var childHost = new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(ChildCommand).Assembly.Location) ?? "" }
            .Select(dir => Path.Combine(dir, HostAssembly))
            .FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"ActorPool's child host ({HostAssembly}) is not beside the application.", HostAssembly);
        return (DotnetHost(), deps, runtimeConfig, childHost);
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
