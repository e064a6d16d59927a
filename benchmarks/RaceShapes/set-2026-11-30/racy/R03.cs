namespace Blind.R03;

public readonly record struct LogEvent(DateTime Timestamp, string Level, string Message);

/// <summary>
/// File log target that buffers events in memory and appends them to disk from a
/// dedicated writer thread. <see cref="Write"/> is called by application threads.
/// </summary>
public sealed class BufferedFileTarget : IDisposable
{
    private const int FlushThreshold = 256;

    private readonly object _sync = new();
    private readonly string _path;
    private readonly Thread _writerThread;
    private readonly ManualResetEventSlim _signal = new(false);
    private List<LogEvent> _buffer = new();
    private volatile bool _stopping;

    public BufferedFileTarget(string path)
    {
        _path = path;
        _writerThread = new Thread(WriterLoop) { IsBackground = true, Name = "log-file-writer" };
        _writerThread.Start();
    }

    public void Write(LogEvent logEvent)
    {
        lock (_sync)
        {
            _buffer.Add(logEvent);
            if (_buffer.Count >= FlushThreshold)
            {
                _signal.Set();
            }
        }
    }

    public int PendingCount
    {
        get
        {
            lock (_sync)
            {
                return _buffer.Count;
            }
        }
    }

    private void WriterLoop()
    {
        while (!_stopping)
        {
            _signal.Wait(TimeSpan.FromMilliseconds(500));
            _signal.Reset();
            FlushBuffer();
        }

        FlushBuffer();
    }

    private void FlushBuffer()
    {
        var batch = _buffer;
        _buffer = new List<LogEvent>();

        if (batch.Count == 0)
        {
            return;
        }

        using var writer = new StreamWriter(_path, append: true);
        foreach (var e in batch)
        {
            writer.WriteLine($"{e.Timestamp:O} [{e.Level}] {e.Message}");
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _signal.Set();
        _writerThread.Join();
        _signal.Dispose();
    }
}
