namespace ActorPool.Tests.Support;

/// <summary>Looks at the shared-memory areas of processes by pid, in the user's private directory under /dev/shm.</summary>
internal static class AreaProbe
{
    public static string Directory { get; } = $"/dev/shm/actorpool-{ActorPool.SharedMemory.Native.EffectiveUid()}";

    /// <summary>The area files of process <paramref name="pid"/>.</summary>
    public static string[] AreasOf(int pid) =>
        System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory, $"{pid}-*.area") : [];
}
