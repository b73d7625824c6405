using ActorPool.Primitives.Core;
using static ActorPool.Primitives.Core.SharedProtocol;
using static ActorPool.Primitives.Objects.ObjectsProtocol;

namespace ActorPool.Primitives.Objects;

/// <summary>
/// A dictionary kept in the process that created it. Keys are read here (that process knows their type), so
/// that they compare by their own equality; values stay as bytes.
/// </summary>
internal sealed class DictionaryState : NonWaitingState
{
    private readonly Dictionary<object, (byte[] Key, byte[] Value)> _entries = new();

    public override void Handle(Caller caller, ISharedOp op, ISharedContext context)
    {
        switch (op)
        {
            case DictionarySet set:
                var key = KeyOf(set.Key);
                var added = !_entries.ContainsKey(key);
                if (added || !set.OnlyIfAbsent)
                    _entries[key] = (set.Key, set.Value);
                context.Reply(caller, added);
                break;
            case DictionaryGet get:
                context.Reply(caller, _entries.TryGetValue(KeyOf(get.Key), out var entry) ? entry.Value : null);
                break;
            case DictionaryRemove remove:
                context.Reply(caller, _entries.Remove(KeyOf(remove.Key)));
                break;
            case CountEntries:
                context.Reply(caller, _entries.Count);
                break;
            case Snapshot:
                context.Reply(caller, _entries.Values.SelectMany(e => new[] { e.Key, e.Value }).ToArray());
                break;
            default:
                throw new NotSupportedException($"A dictionary does not take {op.GetType().Name}.");
        }
    }

    private static object KeyOf(byte[] bytes) => SharedHost.Instance.Codec.Deserialize(bytes) ?? throw new ArgumentNullException("key");
}
