using Akka.Configuration;

namespace ActorPool.Configuration;

/// <summary>The embedded defaults of <c>hocon/actorpool.conf</c>.</summary>
internal static class ReferenceConfig
{
    private static readonly Lazy<Config> s_config = new(Read);

    public static Config Load() => s_config.Value;

    private static Config Read()
    {
        using var stream = typeof(ReferenceConfig).Assembly.GetManifestResourceStream("ActorPool.reference.conf")
            ?? throw new InvalidOperationException("ActorPool's embedded reference.conf is missing.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
