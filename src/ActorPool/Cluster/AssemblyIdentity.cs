using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ActorPool.Cluster;

/// <summary>
/// The module version ids of an application's own assemblies. A worker host finds task methods by type and metadata
/// token, so it must run the very assemblies its driver does: a rebuilt assembly keeps its name but not its id.
/// </summary>
internal static class AssemblyIdentity
{
    // The public key tokens of Microsoft's own assemblies (the runtime's, ASP.NET Core's, Microsoft.Extensions): a task's
    // method is never found by token in one of them, and two machines may run different patches of the runtime.
    private static readonly HashSet<string> s_platformTokens = ["b03f5f7f11d50a3a", "7cec85d7bea7798e", "cc7b13ffcd2ddd51", "adb9793829ddae60", "31bf3856ad364e35"];

    /// <summary>The assemblies this process has loaded that are not the platform's, by simple name.</summary>
    /// <remarks>By name, not by file: in a single-file application the bundled assemblies have no file of their own.</remarks>
    public static IReadOnlyDictionary<string, Guid> Loaded()
    {
        var ids = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic || assembly.GetName() is not { Name: { } name } identity || IsPlatform(identity))
                continue;
            ids.TryAdd(name, assembly.ManifestModule.ModuleVersionId);
        }
        return ids;
    }

    /// <summary>
    /// What a driver asks its hosts to compare: the assemblies it has loaded and those beside it (a task's assembly may
    /// load only when its first task is sent, after the hosts joined), not the platform's.
    /// </summary>
    public static IReadOnlyDictionary<string, Guid> OfApplication()
    {
        var ids = new Dictionary<string, Guid>(Loaded(), StringComparer.OrdinalIgnoreCase);
        foreach (var path in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (ids.ContainsKey(name))
                continue;
            try
            {
                if (!IsPlatform(AssemblyName.GetAssemblyName(path)) && FromFile(path) is { } id)
                    ids[name] = id;
            }
            catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException)
            {
                // Not an assembly (a native library), or unreadable: nothing a task's method can be found in.
            }
        }
        return ids;
    }

    private static bool IsPlatform(AssemblyName identity) =>
        identity.GetPublicKeyToken() is { Length: > 0 } token && s_platformTokens.Contains(Convert.ToHexStringLower(token));

    /// <summary>
    /// The first assembly of <paramref name="driver"/>'s that this process has in another build, described; null when
    /// every one it has (loaded, or a file beside the application) is the same build. One it lacks is not compared: a task
    /// of it fails with an error that names it.
    /// </summary>
    public static string? FirstMismatch(IReadOnlyDictionary<string, Guid> driver)
    {
        var loaded = Loaded();
        foreach (var (name, id) in driver)
        {
            var own = loaded.TryGetValue(name, out var loadedId) ? loadedId : FromFile(Path.Combine(AppContext.BaseDirectory, name + ".dll"));
            if (own is { } mine && mine != id)
                return $"the assembly '{name}' differs: the driver's build has module version id {id}, this worker's {mine}. " +
                    "Run workers from the same build as the driver.";
        }
        return null;
    }

    private static Guid? FromFile(string path)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
                return null;
            var reader = pe.GetMetadataReader();
            return reader.GetGuid(reader.GetModuleDefinition().Mvid);
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }
}
