using ActorPool.Functions;
using ActorPool.Serialization;

namespace ActorPool.Primitives.Core;

/// <summary>
/// Turns items into bytes in the caller's thread, with the checks task arguments get, so that one that cannot
/// travel fails its own call with <see cref="ArgumentException"/> instead of being dropped on the way.
/// </summary>
internal static class SharedPayload
{
    public static byte[] Encode<T>(T value, string paramName)
    {
        CaptureInspector.EnsureCanTravel(value, paramName, paramName);
        byte[] bytes;
        try
        {
            bytes = PayloadCodec.Serialize(value);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArgumentException($"The value cannot be serialized to travel between processes: {e.Message}", paramName, e);
        }
        if (bytes.Length > PayloadCodec.MaxPayloadSize)
            throw new ArgumentException($"The value is {bytes.Length} bytes serialized, over actorpool.max-payload-size ({PayloadCodec.MaxPayloadSize}).", paramName);
        return bytes;
    }

    public static T Decode<T>(object? bytes) => (T)PayloadCodec.Deserialize((byte[])bytes!)!;
}
