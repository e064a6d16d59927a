using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Telemetry.Upload
{
    public readonly record struct SensorSample(string DeviceId, double Value, DateTimeOffset Timestamp);

    public interface IBatchSink
    {
        Task WriteAsync(IReadOnlyList<SensorSample> batch, IReadOnlyDictionary<string, int> perDeviceCounts);
    }

    /// <summary>
    /// Buffers samples from all gateway connections and writes them to the
    /// time-series database in batches. Any number of connection handlers may
    /// call <see cref="EnqueueAsync"/>.
    /// </summary>
    public sealed class BatchingUploader : IAsyncDisposable
    {
        private const int BatchSize = 500;

        private readonly Channel<SensorSample> _channel = Channel.CreateBounded<SensorSample>(
            new BoundedChannelOptions(10_000)
            {
                SingleReader = true,
                SingleWriter = false,
                FullMode = BoundedChannelFullMode.Wait,
            });

        private readonly IBatchSink _sink;
        private readonly List<SensorSample> _batch = new(BatchSize);
        private readonly Dictionary<string, int> _perDeviceCounts = new(StringComparer.Ordinal);
        private readonly Task _pump;
        private long _uploaded;

        public BatchingUploader(IBatchSink sink)
        {
            _sink = sink;
            _pump = Task.Run(PumpAsync);
        }

        public long UploadedCount => Interlocked.Read(ref _uploaded);

        public ValueTask EnqueueAsync(SensorSample sample, CancellationToken cancellationToken = default) =>
            _channel.Writer.WriteAsync(sample, cancellationToken);

        private async Task PumpAsync()
        {
            await foreach (var sample in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                _batch.Add(sample);
                _perDeviceCounts[sample.DeviceId] = _perDeviceCounts.GetValueOrDefault(sample.DeviceId) + 1;

                if (_batch.Count >= BatchSize)
                    await FlushAsync().ConfigureAwait(false);
            }

            await FlushAsync().ConfigureAwait(false);
        }

        private async Task FlushAsync()
        {
            if (_batch.Count == 0)
                return;

            var batch = _batch.ToArray();
            var counts = new Dictionary<string, int>(_perDeviceCounts, StringComparer.Ordinal);
            _batch.Clear();
            _perDeviceCounts.Clear();

            await _sink.WriteAsync(batch, counts).ConfigureAwait(false);
            Interlocked.Add(ref _uploaded, batch.Length);
        }

        public async ValueTask DisposeAsync()
        {
            _channel.Writer.TryComplete();
            await _pump.ConfigureAwait(false);
        }
    }
}
