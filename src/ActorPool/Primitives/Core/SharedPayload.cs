using ActorPool.Serialization;

namespace ActorPool.Primitives.Core;

/// <summary>Turns items into bytes in the caller's thread, so that one that cannot travel fails its own call.</summary>
internal static class SharedPayload
{
    public static byte[] Encode<T>(T value, string paramName)
    {
        try
        {
            return PayloadCodec.Serialize(value);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArgumentException($"The value cannot be serialized to travel between processes: {e.Message}", paramName, e);
        }
    }

    public static T Decode<T>(object? bytes) => (T)PayloadCodec.Deserialize((byte[])bytes!)!;
}
