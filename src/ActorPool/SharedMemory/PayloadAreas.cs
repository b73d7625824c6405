using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;

namespace ActorPool.SharedMemory;

/// <summary>
/// The shared-memory areas of one ActorSystem (a pool's parent side, or a pool child): its own, made on first need, and
/// the peers' it reads. Every process has its own; two pools in one process never share one.
/// </summary>
internal sealed class PayloadAreas : IExtension
{
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<AreaId, PeerArea> _peers = new();
    private readonly ILoggingAdapter? _log;
    private AreaDirectory? _directory;
    private OwnArea? _own;
    private bool _unavailable;
    private bool _closed;

    public PayloadAreas(SharedMemorySettings settings, ILoggingAdapter? log)
    {
        Settings = settings;
        _log = log;
        _unavailable = !settings.Enabled;
    }

    public SharedMemorySettings Settings { get; }

    /// <summary>The areas of <paramref name="system"/>, made on first use.</summary>
    public static PayloadAreas For(ActorSystem system) => system.WithExtension<PayloadAreas, PayloadAreasExtension>();

    /// <summary>This process's area to write into, made on first call; null when shared memory is off or unusable here.</summary>
    public OwnArea? Own()
    {
        if (Volatile.Read(ref _own) is { } own)
            return own;
        lock (_gate)
        {
            if (_own is not null || _unavailable || _closed)
                return _own;
            if (Directory() is not { } directory)
                return null;
            try
            {
                // Areas that processes killed outright left behind go first.
                directory.SweepDead();
                _own = OwnArea.Create(directory, Settings.AreaSize);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Unavailable($"its area cannot be made: {e.Message}");
            }
            return _own;
        }
    }

    /// <summary>This process's area if it has been made; null before the first large payload (or when there is none).</summary>
    public OwnArea? Existing => Volatile.Read(ref _own);

    /// <summary>Gives the free pages of this process's area back to the system, if it has one.</summary>
    public void Trim() => Volatile.Read(ref _own)?.Trim();

    /// <summary>The area <paramref name="id"/> names, mapped on first use; null when it cannot be found.</summary>
    public MappedArea? Find(AreaId id)
    {
        if (Volatile.Read(ref _own) is { } own && own.Id == id)
            return own;
        if (_peers.TryGetValue(id, out var peer))
            return peer;
        lock (_gate)
        {
            if (_closed || Directory() is not { } directory)
                return null;
            if (_peers.TryGetValue(id, out peer))
                return peer;
            if (PeerArea.TryOpen(directory, id) is not { } opened)
                return null;
            _peers[id] = opened;
            return opened;
        }
    }

    /// <summary>
    /// Stops reading the areas of process <paramref name="pid"/>, which has exited, and removes its files. Payloads of
    /// it that are pinned stay readable until they are released.
    /// </summary>
    public void Retire(int pid)
    {
        Directory()?.DeleteAreasOf(pid);
        foreach (var (id, peer) in _peers)
        {
            if (id.Pid == pid && _peers.TryRemove(id, out _))
                peer.Dispose();
        }
    }

    /// <summary>
    /// A child's last act when its parent died: nobody is left to remove its area or the parent's, so it does.
    /// </summary>
    public void AbandonWithParent(int parentPid)
    {
        Directory()?.DeleteAreasOf(parentPid);
        Close();
    }

    /// <summary>Unmaps every area (pinned payloads stay readable until released) and removes this process's own.</summary>
    public void Close()
    {
        OwnArea? own;
        lock (_gate)
        {
            _closed = true;
            own = _own;
        }
        own?.Dispose();
        foreach (var id in _peers.Keys)
        {
            if (_peers.TryRemove(id, out var peer))
                peer.Dispose();
        }
    }

    private AreaDirectory? Directory()
    {
        if (Volatile.Read(ref _directory) is { } directory)
            return directory;
        lock (_gate)
        {
            if (_directory is not null || _unavailable)
                return _directory;
            _directory = AreaDirectory.TryOpen(Settings.Root, out var why);
            if (_directory is null)
                Unavailable(why!);
            return _directory;
        }
    }

    private void Unavailable(string why)
    {
        _unavailable = true;
        _log?.Info("Large payloads travel inline, not through shared memory: {0}", why);
    }
}

/// <summary>Makes each ActorSystem's <see cref="PayloadAreas"/>, closed when the system terminates.</summary>
internal sealed class PayloadAreasExtension : ExtensionIdProvider<PayloadAreas>
{
    public override PayloadAreas CreateExtension(ExtendedActorSystem system)
    {
        var areas = new PayloadAreas(SharedMemorySettings.From(system.Settings.Config), Akka.Event.Logging.GetLogger(system, typeof(PayloadAreas)));
        system.RegisterOnTermination(areas.Close);
        return areas;
    }
}
