using System.Text;
using Microsoft.Extensions.Logging;

namespace ActorPool.Logging;

/// <summary>
/// One log entry of a child, as one line on its standard error: a marker, the level, the category and the text,
/// tab-separated, with backslash escapes for tabs, line breaks and backslashes. The parent reads it back into a
/// structured entry; anything else a child writes there stays a plain line.
/// </summary>
internal readonly record struct ChildLogLine(LogLevel Level, string Category, string Text)
{
    private const string Marker = "\u001eactorpool-log\t";

    public string Format()
    {
        var line = new StringBuilder(Marker.Length + Category.Length + Text.Length + 8).Append(Marker).Append((int)Level).Append('\t');
        Escape(line, Category);
        line.Append('\t');
        Escape(line, Text);
        return line.ToString();
    }

    public static bool TryParse(string line, out ChildLogLine entry)
    {
        entry = default;
        if (!line.StartsWith(Marker, StringComparison.Ordinal))
            return false;
        var fields = line[Marker.Length..].Split('\t');
        if (fields.Length != 3 || !int.TryParse(fields[0], out var level) || level is < 0 or > (int)LogLevel.None)
            return false;
        entry = new ChildLogLine((LogLevel)level, Unescape(fields[1]), Unescape(fields[2]));
        return true;
    }

    private static void Escape(StringBuilder line, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => line.Append(@"\\"),
                '\t' => line.Append(@"\t"),
                '\n' => line.Append(@"\n"),
                '\r' => line.Append(@"\r"),
                _ => line.Append(c),
            };
        }
    }

    private static string Unescape(string field)
    {
        if (!field.Contains('\\'))
            return field;
        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] != '\\' || i + 1 == field.Length)
            {
                text.Append(field[i]);
                continue;
            }
            text.Append(field[++i] switch { 't' => '\t', 'n' => '\n', 'r' => '\r', var other => other });
        }
        return text.ToString();
    }
}
