namespace Blind2.C03;

public enum Severity
{
    Debug,
    Info,
    Warning,
    Error,
}

/// <summary>
/// Log sink that collects lines in memory and appends them to a rolling file
/// once per interval. Shared by every logger in the process.
/// </summary>
public sealed class BufferedFileSink : IDisposable
{
    private readonly string _directory;
    private readonly object _bufferLock = new();
    private readonly object _fileLock = new();
    private readonly Timer _timer;
    private List<string> _buffer = new(capacity: 512);

    public BufferedFileSink(string directory, TimeSpan interval)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        _timer = new Timer(_ => Flush(), null, interval, interval);
    }

    public void Emit(Severity severity, string source, string text)
    {
        var line = $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss.fff} {severity,-7} {source} {text}";
        lock (_bufferLock)
        {
            _buffer.Add(line);
        }
    }

    public void Flush()
    {
        lock (_fileLock)
        {
            List<string> batch;
            lock (_bufferLock)
            {
                if (_buffer.Count == 0)
                    return;
                batch = _buffer;
                _buffer = new List<string>(capacity: 512);
            }

            var file = Path.Combine(_directory, $"app-{DateTime.UtcNow:yyyyMMdd}.log");
            File.AppendAllLines(file, batch);
        }
    }

    public void Dispose()
    {
        using (var done = new ManualResetEvent(false))
        {
            _timer.Dispose(done);
            done.WaitOne();
        }
        Flush();
    }
}

public sealed class SourceLogger
{
    private readonly BufferedFileSink _sink;
    private readonly string _source;

    public SourceLogger(BufferedFileSink sink, string source)
    {
        _sink = sink;
        _source = source;
    }

    public void Info(string text) => _sink.Emit(Severity.Info, _source, text);

    public void Warning(string text) => _sink.Emit(Severity.Warning, _source, text);

    public void Error(string text) => _sink.Emit(Severity.Error, _source, text);
}
