using System.Globalization;
using System.Text;

namespace Blind4.Clean.Logging.Formatting;

public readonly record struct LogEvent(DateTimeOffset Timestamp, string Level, string Category, string Message,
    Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>> Properties);

/// <summary>
/// Renders log events as single-line text. Every logger in the process funnels through
/// <see cref="Format"/>, so the builder used for rendering is cached to avoid an allocation per event.
/// </summary>
public static class PlainTextLogFormatter
{
    private const int MaxCachedCapacity = 8 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_cachedBuilder;

    public static string Format(in LogEvent logEvent)
    {
        var builder = AcquireBuilder();
        builder.Append(logEvent.Timestamp.ToString("yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.InvariantCulture))
            .Append(" [")
            .Append(ShortLevel(logEvent.Level))
            .Append("] ")
            .Append(logEvent.Category)
            .Append(": ")
            .Append(logEvent.Message);

        foreach (var (key, value) in logEvent.Properties)
        {
            builder.Append(' ').Append(key).Append('=');
            AppendValue(builder, value);
        }

        if (logEvent.Exception is not null)
        {
            builder.AppendLine().Append(logEvent.Exception);
        }

        return GetStringAndRelease(builder);
    }

    private static void AppendValue(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string s when s.Contains(' '):
                builder.Append('"').Append(s.Replace("\"", "\\\"")).Append('"');
                break;
            case IFormattable formattable:
                builder.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(value);
                break;
        }
    }

    private static string ShortLevel(string level) => level switch
    {
        "Trace" => "TRC",
        "Debug" => "DBG",
        "Information" => "INF",
        "Warning" => "WRN",
        "Error" => "ERR",
        "Critical" => "CRT",
        _ => level.ToUpperInvariant(),
    };

    private static StringBuilder AcquireBuilder()
    {
        var builder = t_cachedBuilder;
        if (builder is null)
        {
            return new StringBuilder(256);
        }

        t_cachedBuilder = null;
        builder.Clear();
        return builder;
    }

    private static string GetStringAndRelease(StringBuilder builder)
    {
        var result = builder.ToString();
        if (builder.Capacity <= MaxCachedCapacity)
        {
            t_cachedBuilder = builder;
        }
        return result;
    }
}
