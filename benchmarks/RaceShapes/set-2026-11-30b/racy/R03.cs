namespace Blind2.R03;

public enum LogLevel
{
    Trace,
    Debug,
    Information,
    Warning,
    Error,
    Critical,
}

/// <summary>
/// Log target that keeps formatted lines in memory and appends them to a file
/// on a fixed interval. Loggers from every part of the application write to
/// the same target instance.
/// </summary>
public sealed class BatchingFileTarget : IDisposable
{
    private readonly string _path;
    private readonly object _fileLock = new();
    private readonly Timer _flushTimer;
    private List<string> _pending = new(capacity: 256);

    public BatchingFileTarget(string path, TimeSpan flushInterval)
    {
        _path = path;
        _flushTimer = new Timer(_ => Flush(), null, flushInterval, flushInterval);
    }

    public LogLevel MinimumLevel { get; init; } = LogLevel.Information;

    public void Write(LogLevel level, string category, string message, Exception? exception = null)
    {
        if (level < MinimumLevel)
            return;

        var line = exception is null
            ? $"{DateTime.UtcNow:O} [{level}] {category}: {message}"
            : $"{DateTime.UtcNow:O} [{level}] {category}: {message}{Environment.NewLine}{exception}";

        lock (_pending)
        {
            _pending.Add(line);
        }
    }

    public void Flush()
    {
        List<string> batch;
        lock (_pending)
        {
            if (_pending.Count == 0)
                return;

            batch = _pending;
            _pending = new List<string>(capacity: 256);
        }

        lock (_fileLock)
        {
            File.AppendAllLines(_path, batch);
        }
    }

    public void Dispose()
    {
        _flushTimer.Dispose();
        Flush();
    }
}

public sealed class Logger
{
    private readonly BatchingFileTarget _target;
    private readonly string _category;

    public Logger(BatchingFileTarget target, string category)
    {
        _target = target;
        _category = category;
    }

    public void Info(string message) => _target.Write(LogLevel.Information, _category, message);

    public void Warn(string message) => _target.Write(LogLevel.Warning, _category, message);

    public void Error(string message, Exception ex) => _target.Write(LogLevel.Error, _category, message, ex);
}
