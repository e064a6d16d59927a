using System.Text;

namespace Blind64.Bindery.Audit
{
    /// <summary>
    /// Buffers audit lines for the bindery's order system and writes them to disk
    /// in batches. One instance is shared by all request handlers.
    /// </summary>
    public sealed class BufferedAuditSink : IDisposable
    {
        private readonly string _path;
        private readonly Timer _flushTimer;
        private readonly object _fileGate = new();
        private List<string> _buffer = new();

        public BufferedAuditSink(string path, TimeSpan flushInterval)
        {
            _path = path;
            _flushTimer = new Timer(_ => Flush(), null, flushInterval, flushInterval);
        }

        public void Write(string orderId, string action)
        {
            var line = $"{DateTime.UtcNow:O}\t{orderId}\t{action}";
            lock (_buffer)
            {
                _buffer.Add(line);
            }
        }

        public void Flush()
        {
            List<string> batch;
            lock (_buffer)
            {
                if (_buffer.Count == 0)
                {
                    return;
                }

                batch = _buffer;
                _buffer = new List<string>(batch.Count);
            }

            var sb = new StringBuilder();
            foreach (var line in batch)
            {
                sb.AppendLine(line);
            }

            lock (_fileGate)
            {
                File.AppendAllText(_path, sb.ToString());
            }
        }

        public void Dispose()
        {
            _flushTimer.Dispose();
            Flush();
        }
    }

    /// <summary>Records each step a book goes through on the bench.</summary>
    public sealed class BindingStepRecorder
    {
        private readonly BufferedAuditSink _sink;

        public BindingStepRecorder(BufferedAuditSink sink) => _sink = sink;

        public void Sewn(string orderId) => _sink.Write(orderId, "sewn");
        public void Cased(string orderId) => _sink.Write(orderId, "cased-in");
        public void Tooled(string orderId, string pattern) => _sink.Write(orderId, "tooled:" + pattern);
    }
}
