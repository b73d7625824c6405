using ActorPool.Primitives.Core;
using static ActorPool.Primitives.Core.SharedProtocol;
using static ActorPool.Primitives.Objects.ObjectsProtocol;

namespace ActorPool.Primitives.Objects;

/// <summary>One serialized value and its version; a set that names a stale version changes nothing.</summary>
internal sealed class ValueState(byte[] initial) : NonWaitingState
{
    private Versioned _current = new(0, initial);

    public override void Handle(Caller caller, ISharedOp op, ISharedContext context)
    {
        switch (op)
        {
            case ValueGet:
                context.Reply(caller, _current);
                break;
            case ValueSet set:
                var applied = set.ExpectedVersion is null || set.ExpectedVersion == _current.Version;
                if (applied)
                    _current = new Versioned(_current.Version + 1, set.Value);
                context.Reply(caller, new ValueSetResult(applied, _current));
                break;
            default:
                throw new NotSupportedException($"A value does not take {op.GetType().Name}.");
        }
    }
}
