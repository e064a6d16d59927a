namespace Northwind.Telemetry
{
    public readonly record struct MetricPoint(string Name, double Value, DateTimeOffset Timestamp, string? Tags);

    public interface IMetricsSink
    {
        Task SendAsync(IReadOnlyList<MetricPoint> batch, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Buffers metric points written by application code and ships them to the
    /// sink in batches every few seconds. A single batcher is shared by the whole
    /// application, so <see cref="Add"/> is called concurrently from many threads.
    /// </summary>
    public sealed class MetricBatcher : IAsyncDisposable
    {
        private readonly IMetricsSink _sink;
        private readonly PeriodicTimer _timer;
        private readonly Task _flushLoop;
        private readonly CancellationTokenSource _stopping = new();
        private List<MetricPoint> _buffer = new(capacity: 1024);

        public MetricBatcher(IMetricsSink sink, TimeSpan flushInterval)
        {
            _sink = sink;
            _timer = new PeriodicTimer(flushInterval);
            _flushLoop = Task.Run(FlushLoopAsync);
        }

        public void Add(string name, double value, string? tags = null)
        {
            var point = new MetricPoint(name, value, DateTimeOffset.UtcNow, tags);
            lock (_buffer)
            {
                _buffer.Add(point);
            }
        }

        private async Task FlushLoopAsync()
        {
            try
            {
                while (await _timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
                {
                    await FlushAsync(_stopping.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private async Task FlushAsync(CancellationToken cancellationToken)
        {
            List<MetricPoint> batch;
            lock (_buffer)
            {
                if (_buffer.Count == 0)
                {
                    return;
                }
                batch = _buffer;
                _buffer = new List<MetricPoint>(capacity: batch.Count);
            }

            try
            {
                await _sink.SendAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                System.Diagnostics.Trace.TraceWarning("Dropping {0} metric points: {1}", batch.Count, ex.Message);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stopping.Cancel();
            _timer.Dispose();
            await _flushLoop.ConfigureAwait(false);
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            _stopping.Dispose();
        }
    }
}
