namespace ActorPool.Primitives.Core;

/// <summary>
/// Turns items into bytes in the caller's thread, with the checks task arguments get, so that one that cannot
/// travel fails its own call with <see cref="ArgumentException"/> instead of being dropped on the way. Uses the codec
/// of this process's shared-primitive host.
/// </summary>
internal static class SharedPayload
{
    public static byte[] Encode<T>(T value, string paramName) =>
        SharedHost.Instance.Codec.TryEncode(value, paramName, out var bytes) is { } refusal
            ? throw new ArgumentException(refusal, paramName)
            : bytes;

    public static T Decode<T>(object? bytes) => (T)SharedHost.Instance.Codec.Deserialize((byte[])bytes!)!;
}
