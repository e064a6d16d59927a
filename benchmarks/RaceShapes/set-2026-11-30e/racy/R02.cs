using System.Collections.Concurrent;
using System.Text;

namespace Contoso.Logging.Targets;

public enum LogSeverity
{
    Trace,
    Debug,
    Information,
    Warning,
    Error,
    Critical,
}

/// <summary>
/// Appends formatted log lines to a file. Formatting happens on the calling thread and the
/// actual disk I/O happens on a dedicated background thread, so <see cref="Write"/> never blocks
/// on the file system. <see cref="Write"/> may be called from any thread.
/// </summary>
public sealed class BackgroundFileLogWriter : IDisposable
{
    private readonly BlockingCollection<string> _queue;
    private readonly Thread _writerThread;
    private readonly string _path;
    private long _written;
    private long _dropped;

    public BackgroundFileLogWriter(string path, int capacity = 10_000)
    {
        _path = path;
        _queue = new BlockingCollection<string>(new ConcurrentQueue<string>(), capacity);
        _writerThread = new Thread(WriteLoop)
        {
            IsBackground = true,
            Name = "log-file-writer",
        };
        _writerThread.Start();
    }

    public long WrittenCount => Interlocked.Read(ref _written);

    public long DroppedCount => Interlocked.Read(ref _dropped);

    public void Write(LogSeverity severity, string category, string message)
    {
        var line = $"{DateTime.UtcNow:O} [{severity,-11}] {category}: {message}";

        bool accepted;
        try
        {
            accepted = _queue.TryAdd(line);
        }
        catch (InvalidOperationException)
        {
            // Writer has been disposed; nothing more will be written.
            return;
        }

        if (!accepted)
        {
            _dropped++;
        }
    }

    private void WriteLoop()
    {
        using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));

        foreach (var line in _queue.GetConsumingEnumerable())
        {
            writer.WriteLine(line);
            Interlocked.Increment(ref _written);

            if (_queue.Count == 0)
            {
                writer.Flush();
            }
        }

        writer.Flush();
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _writerThread.Join();
    }
}
