using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace ActorPool.Cluster;

/// <summary>
/// The module version ids of an application's own assemblies. A worker host finds task methods by type and metadata
/// token, so it must run the very assemblies its driver does: a rebuilt assembly keeps its name but not its id.
/// </summary>
internal static class AssemblyIdentity
{
    /// <summary>The assemblies this process has loaded that are not the runtime's own, by simple name.</summary>
    public static IReadOnlyDictionary<string, Guid> Loaded()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var ids = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location) || assembly.Location.StartsWith(runtime, StringComparison.Ordinal))
                continue;
            if (assembly.GetName().Name is { } name)
                ids.TryAdd(name, assembly.ManifestModule.ModuleVersionId);
        }
        return ids;
    }

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
