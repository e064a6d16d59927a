using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;

namespace Blind62.Lighthouse.Logbook
{
    public sealed record LogbookLine(string Station, string Keeper, string Entry, DateTimeOffset At);

    /// <summary>
    /// Buffered writer for the station logbook file. Any thread may append; a single
    /// dedicated writer thread owns the file and batches lines to disk.
    /// </summary>
    public sealed class LogbookSink : IDisposable
    {
        private readonly BlockingCollection<LogbookLine> _lines = new(new ConcurrentQueue<LogbookLine>(), boundedCapacity: 10_000);
        private readonly Thread _writerThread;
        private readonly TextWriter _writer;
        private long _written;
        private long _dropped;

        public LogbookSink(TextWriter writer)
        {
            _writer = writer;
            _writerThread = new Thread(WriteLoop) { IsBackground = true, Name = "logbook-writer" };
            _writerThread.Start();
        }

        public long Written => Interlocked.Read(ref _written);

        public long Dropped => Interlocked.Read(ref _dropped);

        public void Append(string station, string keeper, string entry)
        {
            var line = new LogbookLine(station, keeper, entry, DateTimeOffset.UtcNow);
            if (!_lines.TryAdd(line))
            {
                Interlocked.Increment(ref _dropped);
            }
        }

        private void WriteLoop()
        {
            int sinceFlush = 0;
            foreach (var line in _lines.GetConsumingEnumerable())
            {
                _writer.Write(line.At.ToString("u"));
                _writer.Write(' ');
                _writer.Write(line.Station);
                _writer.Write(" [");
                _writer.Write(line.Keeper);
                _writer.Write("] ");
                _writer.WriteLine(line.Entry);
                Interlocked.Increment(ref _written);

                if (++sinceFlush >= 64 || _lines.Count == 0)
                {
                    _writer.Flush();
                    sinceFlush = 0;
                }
            }

            _writer.Flush();
        }

        public void Dispose()
        {
            _lines.CompleteAdding();
            _writerThread.Join();
            _lines.Dispose();
        }
    }
}
