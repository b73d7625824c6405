namespace ActorPool.Wire;

/// <summary>Marks ActorPool's own messages between parent and children, bound to <see cref="PoolWireSerializer"/>.</summary>
internal interface IWireMessage;
