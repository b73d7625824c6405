using System.Text;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ActorPool.Configuration;

/// <summary>
/// Writes a configuration as HOCON text that parses back to the same values: how a pool hands its HOCON to its
/// children. Akka's <c>Config.ToString</c> does not round-trip: it leaves an empty string, a string with a comma, a
/// brace or a quote, and one that starts with <c>#</c>, unquoted, so the child read another value (an empty
/// <c>actorpool.task-dispatcher</c> came back as the name of the next key), and it leaves keys with dots unquoted.
/// Here every key and every value is a quoted, escaped string (getters read numbers, durations and switches from
/// strings alike).
/// </summary>
internal static class HoconText
{
    public static string Render(Config? config)
    {
        if (config is null || config.IsEmpty)
            return string.Empty;
        var text = new StringBuilder();
        Write(text, config.Root);
        return text.ToString();
    }

    private static void Write(StringBuilder text, HoconValue value)
    {
        if (value.IsObject())
        {
            text.Append('{');
            var first = true;
            foreach (var (key, item) in value.GetObject().Items)
            {
                if (!first)
                    text.Append(',');
                first = false;
                Quote(text, key);
                text.Append(':');
                Write(text, item);
            }
            text.Append('}');
        }
        else if (value.IsArray())
        {
            text.Append('[');
            var items = value.GetArray();
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0)
                    text.Append(',');
                Write(text, items[i]);
            }
            text.Append(']');
        }
        else if (value.GetString() is { } scalar)
        {
            Quote(text, scalar);
        }
        else
        {
            text.Append("null");
        }
    }

    /// <summary>A HOCON quoted string of <paramref name="value"/>.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        Quote(text, value);
        return text.ToString();
    }

    private static void Quote(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                        text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else
                        text.Append(c);
                    break;
            }
        }
        text.Append('"');
    }
}
