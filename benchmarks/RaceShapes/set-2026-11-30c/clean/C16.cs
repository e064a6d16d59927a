namespace Northwind.Telemetry.Spans
{
    public readonly record struct FinishedSpan(string TraceId, string SpanId, string Name, DateTimeOffset Start, TimeSpan Duration);

    public interface ISpanExporter
    {
        Task ExportAsync(IReadOnlyList<FinishedSpan> spans, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Collects finished spans from instrumented code on any thread and exports
    /// them in batches on a fixed interval.
    /// </summary>
    public sealed class BatchingSpanProcessor : IAsyncDisposable
    {
        private readonly object _bufferLock = new();
        private readonly ISpanExporter _exporter;
        private readonly PeriodicTimer _timer;
        private readonly CancellationTokenSource _shutdown = new();
        private readonly Task _exportLoop;
        private readonly int _maxQueueSize;
        private List<FinishedSpan> _pending = new();
        private long _droppedSpans;

        public BatchingSpanProcessor(ISpanExporter exporter, TimeSpan interval, int maxQueueSize = 2048)
        {
            _exporter = exporter;
            _maxQueueSize = maxQueueSize;
            _timer = new PeriodicTimer(interval);
            _exportLoop = Task.Run(ExportLoopAsync);
        }

        public long DroppedSpans => Interlocked.Read(ref _droppedSpans);

        public void OnEnd(FinishedSpan span)
        {
            lock (_bufferLock)
            {
                if (_pending.Count < _maxQueueSize)
                {
                    _pending.Add(span);
                    return;
                }
            }
            Interlocked.Increment(ref _droppedSpans);
        }

        private async Task ExportLoopAsync()
        {
            try
            {
                while (await _timer.WaitForNextTickAsync(_shutdown.Token).ConfigureAwait(false))
                {
                    await ExportPendingAsync(_shutdown.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private async Task ExportPendingAsync(CancellationToken cancellationToken)
        {
            List<FinishedSpan> batch;
            lock (_bufferLock)
            {
                if (_pending.Count == 0)
                {
                    return;
                }
                batch = _pending;
                _pending = new List<FinishedSpan>(batch.Count);
            }

            try
            {
                await _exporter.ExportAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                System.Diagnostics.Trace.TraceWarning("Span export failed, {0} spans lost: {1}", batch.Count, ex.Message);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _shutdown.Cancel();
            _timer.Dispose();
            await _exportLoop.ConfigureAwait(false);
            await ExportPendingAsync(CancellationToken.None).ConfigureAwait(false);
            _shutdown.Dispose();
        }
    }
}
