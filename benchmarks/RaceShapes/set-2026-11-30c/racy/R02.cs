using System.Collections.Concurrent;
using System.Text;

namespace Northwind.Logging.Targets
{
    public enum LogLevel { Trace, Debug, Information, Warning, Error, Critical }

    public readonly record struct LogEvent(DateTimeOffset Timestamp, LogLevel Level, string Category, string Message);

    /// <summary>
    /// File target that hands log events to a dedicated writer thread so callers
    /// never block on disk I/O. One target is registered per application and every
    /// logger in the process forwards to it, so <see cref="Enqueue"/> is called from
    /// arbitrary threads.
    /// </summary>
    public sealed class BackgroundFileTarget : IDisposable
    {
        private readonly BlockingCollection<LogEvent> _queue;
        private readonly Thread _writerThread;
        private readonly string _path;
        private long _droppedEvents;

        public BackgroundFileTarget(string path, int capacity = 10_000)
        {
            _path = path;
            _queue = new BlockingCollection<LogEvent>(new ConcurrentQueue<LogEvent>(), capacity);
            _writerThread = new Thread(WriteLoop)
            {
                IsBackground = true,
                Name = "log-file-writer",
            };
            _writerThread.Start();
        }

        public long DroppedEvents => Interlocked.Read(ref _droppedEvents);

        public void Enqueue(in LogEvent logEvent)
        {
            if (_queue.IsAddingCompleted)
            {
                return;
            }

            // Never block the caller; a full queue means the disk can't keep up.
            if (!_queue.TryAdd(logEvent))
            {
                _droppedEvents++;
            }
        }

        private void WriteLoop()
        {
            using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            var line = new StringBuilder(256);

            foreach (var e in _queue.GetConsumingEnumerable())
            {
                line.Clear();
                line.Append(e.Timestamp.ToString("O"))
                    .Append(" [").Append(e.Level.ToString().ToUpperInvariant()).Append("] ")
                    .Append(e.Category).Append(": ")
                    .Append(e.Message);
                writer.WriteLine(line);

                if (_queue.Count == 0)
                {
                    writer.Flush();
                }
            }
            writer.Flush();
        }

        public void Dispose()
        {
            try
            {
                _queue.CompleteAdding();
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            _writerThread.Join(TimeSpan.FromSeconds(5));
        }
    }
}
