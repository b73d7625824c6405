namespace ActorPool.SharedMemory;

/// <summary>
/// Where one payload lies in a shared-memory area: what travels over the TLS channel instead of the payload. The
/// token is the slot's own, so that a handle to a slot freed and used again reads as stale rather than as someone
/// else's bytes.
/// </summary>
internal readonly record struct SlotHandle(AreaId Area, long Offset, long Length, long Token);
