using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Blind10.Logging.Formatting;

public enum LogLevel
{
    Trace,
    Debug,
    Information,
    Warning,
    Error,
}

public readonly record struct LogEvent(DateTimeOffset Timestamp, LogLevel Level, string Category, string Message, Exception? Exception);

/// <summary>
/// Renders log events as single text lines. Loggers on every thread call <see cref="Format"/>.
/// </summary>
public sealed class PlainTextLogFormatter
{
    private const int MaxCachedCapacity = 4 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_builder;

    private readonly string _timestampFormat;
    private readonly bool _includeCategory;

    public PlainTextLogFormatter(string timestampFormat = "yyyy-MM-dd HH:mm:ss.fff", bool includeCategory = true)
    {
        _timestampFormat = timestampFormat;
        _includeCategory = includeCategory;
    }

    public string Format(in LogEvent logEvent)
    {
        var builder = t_builder ?? new StringBuilder(256);
        t_builder = null;

        builder.Append(logEvent.Timestamp.ToString(_timestampFormat, CultureInfo.InvariantCulture));
        builder.Append(' ').Append(Abbreviate(logEvent.Level)).Append(' ');
        if (_includeCategory)
        {
            builder.Append('[').Append(logEvent.Category).Append("] ");
        }
        builder.Append(logEvent.Message);
        if (logEvent.Exception is not null)
        {
            builder.AppendLine().Append(logEvent.Exception);
        }

        var line = builder.ToString();
        builder.Clear();
        if (builder.Capacity <= MaxCachedCapacity)
        {
            t_builder = builder;
        }
        return line;
    }

    private static string Abbreviate(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRC",
        LogLevel.Debug => "DBG",
        LogLevel.Information => "INF",
        LogLevel.Warning => "WRN",
        _ => "ERR",
    };
}

/// <summary>In-memory sink used by integration tests and the diagnostics page.</summary>
public sealed class MemoryLogSink
{
    private readonly PlainTextLogFormatter _formatter = new();
    private readonly ConcurrentQueue<string> _lines = new();

    public void Emit(LogEvent logEvent) => _lines.Enqueue(_formatter.Format(logEvent));

    public IReadOnlyCollection<string> Lines => _lines.ToArray();

    public void EmitMany(IEnumerable<LogEvent> events) => Parallel.ForEach(events, e => Emit(e));
}
