namespace ActorPool.Execution;

/// <summary>Marks the messages ActorPool sends between processes; bound to ActorPool's Hyperion serializer.</summary>
internal interface IPoolMessage;
