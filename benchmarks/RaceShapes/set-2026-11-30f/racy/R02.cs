using System.Globalization;

namespace Lumberjack.Targets;

public sealed record LogEvent(DateTime TimestampUtc, string Level, string Category, string Message);

/// <summary>
/// File target that buffers log events in memory and appends them to disk
/// from a dedicated writer thread, either when the batch size is reached or
/// once per second.
/// </summary>
public sealed class BufferedFileTarget : IDisposable
{
    private readonly object _bufferLock = new();
    private readonly object _flushLock = new();
    private readonly List<LogEvent> _pending = new();
    private readonly AutoResetEvent _wakeUp = new(false);
    private readonly string _path;
    private readonly int _batchSize;
    private readonly Thread _writerThread;
    private volatile bool _stopping;

    public BufferedFileTarget(string path, int batchSize = 200)
    {
        _path = path;
        _batchSize = batchSize;
        _writerThread = new Thread(WriterLoop)
        {
            IsBackground = true,
            Name = "log-file-writer",
        };
        _writerThread.Start();
    }

    public void Write(LogEvent logEvent)
    {
        int pendingCount;
        lock (_bufferLock)
        {
            _pending.Add(logEvent);
            pendingCount = _pending.Count;
        }

        if (pendingCount >= _batchSize)
        {
            _wakeUp.Set();
        }
    }

    /// <summary>
    /// Writes everything buffered so far. Also called by the host on shutdown
    /// and by the admin endpoint that forces a flush.
    /// </summary>
    public void Flush()
    {
        lock (_flushLock)
        {
            var batch = _pending.ToArray();
            _pending.Clear();
            if (batch.Length == 0)
            {
                return;
            }

            using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            using var writer = new StreamWriter(stream);
            foreach (var logEvent in batch)
            {
                writer.Write(logEvent.TimestampUtc.ToString("O", CultureInfo.InvariantCulture));
                writer.Write(' ');
                writer.Write(logEvent.Level.ToUpperInvariant().PadRight(5));
                writer.Write(' ');
                writer.Write(logEvent.Category);
                writer.Write(": ");
                writer.WriteLine(logEvent.Message);
            }
        }
    }

    private void WriterLoop()
    {
        while (!_stopping)
        {
            _wakeUp.WaitOne(TimeSpan.FromSeconds(1));
            try
            {
                Flush();
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"log-file-writer: {ex.Message}");
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _wakeUp.Set();
        _writerThread.Join(TimeSpan.FromSeconds(5));
        Flush();
        _wakeUp.Dispose();
    }
}
