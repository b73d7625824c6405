using Hyperion;

namespace ActorPool.Serialization;

/// <summary>Refuses to deserialize any type whose name starts with a denied prefix.</summary>
/// <remarks>Hyperion's own unsafe-type list applies as well when <c>disallow-unsafe-types</c> is on.</remarks>
internal sealed class PrefixTypeFilter(IReadOnlyList<string> deniedPrefixes) : ITypeFilter
{
    public bool IsAllowed(string typeName)
    {
        foreach (var prefix in deniedPrefixes)
        {
            if (typeName.StartsWith(prefix, StringComparison.Ordinal))
                return false;
        }
        return true;
    }
}
