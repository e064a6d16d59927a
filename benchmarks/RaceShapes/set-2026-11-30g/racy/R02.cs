using System.Text;

namespace Acme.Logging.Targets;

public enum LogSeverity
{
    Trace,
    Debug,
    Information,
    Warning,
    Error,
    Critical
}

/// <summary>
/// Appends formatted log lines to a file. Lines are buffered in memory and
/// written out by a periodic flush so that logging calls never block on disk I/O.
/// Write is invoked by the logging pipeline on whatever thread produced the event.
/// </summary>
public sealed class BufferedFileTarget : IDisposable
{
    private readonly object _writeLock = new();
    private readonly object _flushLock = new();
    private readonly StringBuilder _pending = new();
    private readonly string _path;
    private readonly Timer _flushTimer;
    private readonly LogSeverity _minimumLevel;

    public BufferedFileTarget(string path, TimeSpan flushInterval, LogSeverity minimumLevel = LogSeverity.Information)
    {
        _path = path;
        _minimumLevel = minimumLevel;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _flushTimer = new Timer(_ => FlushSafe(), null, flushInterval, flushInterval);
    }

    public void Write(LogSeverity level, string category, string message, Exception? exception = null)
    {
        if (level < _minimumLevel)
            return;

        var line = FormatLine(level, category, message, exception);
        lock (_writeLock)
        {
            _pending.Append(line).AppendLine();
        }
    }

    public void Flush()
    {
        lock (_flushLock)
        {
            var text = _pending.ToString();
            _pending.Clear();

            if (text.Length == 0)
                return;

            using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            using var writer = new StreamWriter(stream, Encoding.UTF8);
            writer.Write(text);
        }
    }

    private void FlushSafe()
    {
        try
        {
            Flush();
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"Log flush to '{_path}' failed: {ex.Message}");
        }
    }

    private static string FormatLine(LogSeverity level, string category, string message, Exception? exception)
    {
        var sb = new StringBuilder(128);
        sb.Append(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fff"))
          .Append(" [").Append(level.ToString().ToUpperInvariant()).Append("] ")
          .Append(category).Append(": ").Append(message);

        if (exception is not null)
            sb.AppendLine().Append(exception);

        return sb.ToString();
    }

    public void Dispose()
    {
        _flushTimer.Dispose();
        FlushSafe();
    }
}
