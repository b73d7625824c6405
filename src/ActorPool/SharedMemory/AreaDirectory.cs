namespace ActorPool.SharedMemory;

/// <summary>
/// The private directory that holds one user's areas (<c>/dev/shm/actorpool-&lt;uid&gt;</c>, mode 0700): only its
/// owner lists, reads or creates files in it. An existing directory with any other mode, or a link, is not used.
/// </summary>
internal sealed class AreaDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private AreaDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>Opens (creating if need be) the user's directory under <paramref name="root"/>; null when it cannot be used.</summary>
    /// <param name="root">A tmpfs mount, <c>/dev/shm</c> by default.</param>
    /// <param name="why">Why not, when null is returned.</param>
    public static AreaDirectory? TryOpen(string root, out string? why)
    {
        why = null;
        if (!OperatingSystem.IsLinux())
        {
            why = "shared-memory areas are for Linux";
            return null;
        }
        if (!Directory.Exists(root))
        {
            why = $"{root} does not exist";
            return null;
        }
        var path = System.IO.Path.Combine(root, $"actorpool-{Native.EffectiveUid()}");
        try
        {
            Directory.CreateDirectory(path, OwnerOnly);
            var info = new DirectoryInfo(path);
            if (info.LinkTarget is not null || info.UnixFileMode != OwnerOnly)
            {
                why = $"{path} is not a private directory (mode 0700, not a link)";
                return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            why = $"{path} cannot be created: {e.Message}";
            return null;
        }
        return new AreaDirectory(path);
    }

    public string PathOf(AreaId id) => System.IO.Path.Combine(Path, id.FileName);

    /// <summary>The areas in the directory now.</summary>
    public IEnumerable<AreaId> Areas()
    {
        IEnumerable<string> names;
        try
        {
            names = Directory.EnumerateFiles(Path).Select(System.IO.Path.GetFileName).OfType<string>().ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var name in names)
        {
            if (AreaId.TryParse(name, out var id))
                yield return id;
        }
    }

    /// <summary>Removes the areas of process <paramref name="pid"/> (an exited child, a dead parent).</summary>
    public void DeleteAreasOf(int pid)
    {
        foreach (var area in Areas().Where(a => a.Pid == pid))
            Delete(area);
    }

    /// <summary>Removes the areas of processes that are gone: what a process killed outright left behind.</summary>
    public void SweepDead()
    {
        foreach (var area in Areas().Where(a => !IsAlive(a.Pid)))
            Delete(area);
    }

    public void Delete(AreaId id)
    {
        try
        {
            File.Delete(PathOf(id));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another process removed it first, or will.
        }
    }

    // A process is gone when /proc has no entry for it, or only a zombie's (dead, not yet reaped by its parent).
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat.LastIndexOf(')') is var end and >= 0 && end + 2 < stat.Length ? stat[end + 2] : '?';
            return state is not ('Z' or 'X');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Cannot tell: keep its areas.
            return true;
        }
    }
}
