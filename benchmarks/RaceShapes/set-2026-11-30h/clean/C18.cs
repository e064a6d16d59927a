using System.Globalization;
using System.Text;

namespace Blind8.Logging.Formatting;

/// <summary>
/// Formats structured log events as logfmt lines (key=value pairs). Called
/// from every logging thread; each thread reuses its own scratch builder to
/// keep allocations down on hot paths.
/// </summary>
public static class LogfmtFormatter
{
    private const int MaxCachedCapacity = 4096;

    [ThreadStatic]
    private static StringBuilder? t_cachedBuilder;

    public static string Format(DateTimeOffset timestamp, string level, string message, IEnumerable<KeyValuePair<string, object?>> properties)
    {
        var sb = AcquireBuilder();
        sb.Append("ts=").Append(timestamp.ToString("O", CultureInfo.InvariantCulture));
        sb.Append(" level=").Append(level);
        AppendPair(sb, "msg", message);

        foreach (var (key, value) in properties)
        {
            AppendPair(sb, key, value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString());
        }

        return GetStringAndRelease(sb);
    }

    private static void AppendPair(StringBuilder sb, string key, string? value)
    {
        sb.Append(' ').Append(key).Append('=');
        if (value is null)
        {
            return;
        }

        var needsQuotes = value.Length == 0 || value.AsSpan().IndexOfAny(" =\"") >= 0;
        if (!needsQuotes)
        {
            sb.Append(value);
            return;
        }

        sb.Append('"');
        foreach (var ch in value)
        {
            if (ch is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(ch == '\n' ? ' ' : ch);
        }

        sb.Append('"');
    }

    private static StringBuilder AcquireBuilder()
    {
        var sb = t_cachedBuilder;
        if (sb is null)
        {
            return new StringBuilder(256);
        }

        t_cachedBuilder = null;
        sb.Clear();
        return sb;
    }

    private static string GetStringAndRelease(StringBuilder sb)
    {
        var result = sb.ToString();
        if (sb.Capacity <= MaxCachedCapacity)
        {
            t_cachedBuilder = sb;
        }

        return result;
    }
}
