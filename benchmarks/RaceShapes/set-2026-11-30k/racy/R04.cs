using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using System.Timers;

namespace Telemetry.Ingestion
{
    public readonly record struct SensorReading(string DeviceId, string Metric, double Value, DateTimeOffset Timestamp);

    public interface ITelemetryUploader
    {
        Task UploadAsync(IReadOnlyList<SensorReading> batch);
    }

    /// <summary>
    /// Collects sensor readings and uploads them to the time-series store in
    /// batches every few seconds. Registered as a singleton; every MQTT message
    /// handler calls <see cref="Record"/>.
    /// </summary>
    public sealed class ReadingBatcher : IDisposable
    {
        private const int InitialCapacity = 512;

        private readonly object _recordLock = new();
        private readonly object _flushLock = new();
        private readonly ITelemetryUploader _uploader;
        private readonly System.Timers.Timer _flushTimer;
        private List<SensorReading> _current = new(InitialCapacity);
        private long _failedUploads;

        public ReadingBatcher(ITelemetryUploader uploader, TimeSpan flushInterval)
        {
            _uploader = uploader;
            _flushTimer = new System.Timers.Timer(flushInterval.TotalMilliseconds) { AutoReset = true };
            _flushTimer.Elapsed += OnFlushTimerElapsed;
            _flushTimer.Start();
        }

        public long FailedUploads => Interlocked.Read(ref _failedUploads);

        public void Record(SensorReading reading)
        {
            if (double.IsNaN(reading.Value) || double.IsInfinity(reading.Value))
                return;

            lock (_recordLock)
            {
                _current.Add(reading);
            }
        }

        private async void OnFlushTimerElapsed(object? sender, ElapsedEventArgs e)
        {
            List<SensorReading> batch;
            lock (_flushLock)
            {
                if (_current.Count == 0)
                    return;

                batch = _current;
                _current = new List<SensorReading>(InitialCapacity);
            }

            try
            {
                await _uploader.UploadAsync(batch).ConfigureAwait(false);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _failedUploads);
            }
        }

        public void Dispose()
        {
            _flushTimer.Stop();
            _flushTimer.Elapsed -= OnFlushTimerElapsed;
            _flushTimer.Dispose();
        }
    }
}
