using System.Text;

namespace Blind.C12;

public enum LogLevel
{
    Trace,
    Debug,
    Information,
    Warning,
    Error,
}

/// <summary>
/// Formats log lines for the console and file sinks. Called by every thread that logs.
/// </summary>
public static class LogLineFormatter
{
    private const int MaxCachedCapacity = 1024;

    [ThreadStatic]
    private static StringBuilder? t_cachedBuilder;

    public static string Format(DateTimeOffset timestamp, LogLevel level, string category, string message, Exception? exception)
    {
        var sb = Acquire();
        sb.Append(timestamp.ToString("yyyy-MM-dd HH:mm:ss.fff"));
        sb.Append(" [").Append(Abbreviate(level)).Append("] ");
        sb.Append(category).Append(": ");
        sb.Append(message);

        if (exception is not null)
        {
            sb.AppendLine();
            sb.Append(exception);
        }

        return GetStringAndRelease(sb);
    }

    private static StringBuilder Acquire()
    {
        var sb = t_cachedBuilder;
        if (sb is not null)
        {
            t_cachedBuilder = null;
            sb.Clear();
            return sb;
        }

        return new StringBuilder(256);
    }

    private static string GetStringAndRelease(StringBuilder sb)
    {
        string result = sb.ToString();
        if (sb.Capacity <= MaxCachedCapacity)
        {
            t_cachedBuilder = sb;
        }
        return result;
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

public static class ParallelLoggingDemo
{
    public static string[] FormatAll(IReadOnlyList<string> messages)
    {
        var lines = new string[messages.Count];
        Parallel.For(0, messages.Count, i =>
            lines[i] = LogLineFormatter.Format(DateTimeOffset.UtcNow, LogLevel.Information, "Worker", messages[i], null));
        return lines;
    }
}
