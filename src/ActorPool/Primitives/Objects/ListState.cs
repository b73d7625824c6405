using ActorPool.Primitives.Core;
using static ActorPool.Primitives.Core.SharedProtocol;
using static ActorPool.Primitives.Objects.ObjectsProtocol;

namespace ActorPool.Primitives.Objects;

/// <summary>A list of serialized items kept in the process that created it.</summary>
internal sealed class ListState : NonWaitingState
{
    private readonly List<byte[]> _items = new();

    public override void Handle(Caller caller, ISharedOp op, ISharedContext context)
    {
        switch (op)
        {
            case ListAdd add:
                _items.Add(add.Item);
                context.Reply(caller, _items.Count - 1);
                break;
            case ListGet get:
                context.Reply(caller, _items[CheckIndex(get.Index)]);
                break;
            case ListSet set:
                _items[CheckIndex(set.Index)] = set.Item;
                context.Reply(caller, null);
                break;
            case ListRemoveAt remove:
                _items.RemoveAt(CheckIndex(remove.Index));
                context.Reply(caller, null);
                break;
            case CountEntries:
                context.Reply(caller, _items.Count);
                break;
            case Snapshot:
                context.Reply(caller, _items.ToArray());
                break;
            default:
                throw new NotSupportedException($"A list does not take {op.GetType().Name}.");
        }
    }

    private int CheckIndex(int index) =>
        index >= 0 && index < _items.Count
            ? index
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"The list has {_items.Count} items.");
}
