namespace Wildfire.SensorMesh
{
    public readonly record struct SmokeReading(string NodeId, DateTimeOffset Timestamp, double ParticulatePpm, double TemperatureC);

    /// <summary>
    /// Buffers readings from mesh gateway nodes until the next upload to the
    /// regional fire service. Gateways push from their own receive loops.
    /// </summary>
    public sealed class ReadingBuffer
    {
        private readonly object _appendLock = new();
        private readonly object _flushLock = new();
        private List<SmokeReading> _pending = new();
        private long _totalAccepted;

        public void Append(SmokeReading reading)
        {
            lock (_appendLock)
            {
                _pending.Add(reading);
                _totalAccepted++;
            }
        }

        public long TotalAccepted
        {
            get
            {
                lock (_appendLock)
                {
                    return _totalAccepted;
                }
            }
        }

        public IReadOnlyList<SmokeReading> TakeBatch()
        {
            lock (_flushLock)
            {
                var batch = _pending;
                _pending = new List<SmokeReading>(batch.Count);
                return batch;
            }
        }
    }

    /// <summary>
    /// Receives frames from one LoRa gateway and feeds them into the shared buffer.
    /// </summary>
    public sealed class GatewayListener
    {
        private readonly ReadingBuffer _buffer;
        private readonly Func<CancellationToken, ValueTask<SmokeReading>> _receive;

        public GatewayListener(ReadingBuffer buffer, Func<CancellationToken, ValueTask<SmokeReading>> receive)
        {
            _buffer = buffer;
            _receive = receive;
        }

        public async Task ListenAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                var reading = await _receive(ct).ConfigureAwait(false);
                if (reading.ParticulatePpm < 0)
                {
                    continue;
                }
                _buffer.Append(reading);
            }
        }
    }

    /// <summary>
    /// Uploads buffered readings every thirty seconds.
    /// </summary>
    public sealed class FireServiceUploader : IDisposable
    {
        private readonly ReadingBuffer _buffer;
        private readonly Func<IReadOnlyList<SmokeReading>, Task> _upload;
        private readonly Timer _timer;

        public FireServiceUploader(ReadingBuffer buffer, Func<IReadOnlyList<SmokeReading>, Task> upload)
        {
            _buffer = buffer;
            _upload = upload;
            _timer = new Timer(OnTick, null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        }

        private async void OnTick(object? state)
        {
            var batch = _buffer.TakeBatch();
            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                await _upload(batch).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                foreach (var r in batch)
                {
                    _buffer.Append(r);
                }
            }
        }

        public void Dispose() => _timer.Dispose();
    }
}
