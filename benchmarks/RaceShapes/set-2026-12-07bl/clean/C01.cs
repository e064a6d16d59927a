using System.Text;

namespace Blind64.HarpWorkshop.Logging
{
    /// <summary>
    /// Collects workshop log lines (string tension tests, glue-up timings) and writes them
    /// to the daily log file in batches. One instance is shared by the whole workshop app.
    /// </summary>
    public sealed class WorkshopLogSink : IAsyncDisposable
    {
        private readonly object _bufferGate = new();
        private readonly SemaphoreSlim _fileGate = new(1, 1);
        private readonly string _directory;
        private readonly Timer _timer;
        private List<string> _pending = new();

        public WorkshopLogSink(string directory, TimeSpan interval)
        {
            _directory = directory;
            _timer = new Timer(static s => _ = ((WorkshopLogSink)s!).FlushAsync(), this, interval, interval);
        }

        public void Log(string bench, string message)
        {
            var line = $"{DateTime.Now:HH:mm:ss} [{bench}] {message}";
            lock (_bufferGate)
            {
                _pending.Add(line);
            }
        }

        public async Task FlushAsync()
        {
            List<string> batch;
            lock (_bufferGate)
            {
                if (_pending.Count == 0)
                {
                    return;
                }

                batch = _pending;
                _pending = new List<string>();
            }

            var text = new StringBuilder();
            foreach (var line in batch)
            {
                text.AppendLine(line);
            }

            await _fileGate.WaitAsync().ConfigureAwait(false);
            try
            {
                var path = Path.Combine(_directory, $"workshop-{DateTime.Now:yyyyMMdd}.log");
                await File.AppendAllTextAsync(path, text.ToString()).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // Put the lines back so the next flush retries them.
                lock (_bufferGate)
                {
                    _pending.InsertRange(0, batch);
                }
            }
            finally
            {
                _fileGate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
            await FlushAsync().ConfigureAwait(false);
        }
    }

    public sealed class TensionTestRecorder
    {
        private readonly WorkshopLogSink _sink;

        public TensionTestRecorder(WorkshopLogSink sink) => _sink = sink;

        public void Record(string harpSerial, int stringNumber, double newtons) =>
            _sink.Log("tension", $"{harpSerial} string {stringNumber}: {newtons:F1} N");
    }
}
