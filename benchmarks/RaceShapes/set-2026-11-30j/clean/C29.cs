namespace Blind10.Logging.FileTarget;

/// <summary>
/// File log target that batches lines in memory. Lines are flushed when the batch is full
/// or when the flush timer fires, whichever comes first.
/// </summary>
public sealed class BatchingFileLogTarget : IDisposable
{
    private readonly object _bufferLock = new();
    private readonly object _flushLock = new();
    private readonly StreamWriter _writer;
    private readonly Timer _flushTimer;
    private readonly int _batchSize;
    private List<string> _buffer = new();
    private long _linesWritten;
    private bool _closed;

    public BatchingFileLogTarget(string path, int batchSize, TimeSpan flushInterval)
    {
        _batchSize = batchSize;
        _writer = new StreamWriter(path, append: true);
        _flushTimer = new Timer(_ => TryFlush(), null, flushInterval, flushInterval);
    }

    public long LinesWritten
    {
        get { lock (_flushLock) { return _linesWritten; } }
    }

    public void Write(string line)
    {
        bool flushNow;
        lock (_bufferLock)
        {
            _buffer.Add(line);
            flushNow = _buffer.Count >= _batchSize;
        }

        if (flushNow)
        {
            TryFlush();
        }
    }

    public bool TryFlush()
    {
        if (!Monitor.TryEnter(_flushLock))
        {
            return false;
        }

        try
        {
            FlushCore();
            return true;
        }
        finally
        {
            Monitor.Exit(_flushLock);
        }
    }

    private void FlushCore()
    {
        if (_closed)
        {
            return;
        }

        List<string> batch;
        lock (_bufferLock)
        {
            if (_buffer.Count == 0)
            {
                return;
            }
            batch = _buffer;
            _buffer = new List<string>(batch.Count);
        }

        foreach (var line in batch)
        {
            _writer.WriteLine(line);
        }
        _writer.Flush();
        _linesWritten += batch.Count;
    }

    public void Dispose()
    {
        _flushTimer.Dispose();
        lock (_flushLock)
        {
            FlushCore();
            _closed = true;
            _writer.Dispose();
        }
    }
}
