namespace Museum.ClimateLogging
{
    public readonly record struct ClimateSample(DateTimeOffset At, double TemperatureC, double RelativeHumidity);

    /// <summary>
    /// Per-gallery climate history kept for the conservation dashboard.
    /// Logger gateways post samples while curators query ranges; the store is
    /// shared by all of them.
    /// </summary>
    public sealed class GalleryClimateStore : IDisposable
    {
        private readonly ReaderWriterLockSlim _lock = new();
        private readonly Dictionary<string, List<ClimateSample>> _byGallery = new(StringComparer.OrdinalIgnoreCase);
        private readonly TimeSpan _retention;

        public GalleryClimateStore(TimeSpan retention) => _retention = retention;

        public void Record(string galleryId, ClimateSample sample)
        {
            _lock.EnterReadLock();
            try
            {
                if (!_byGallery.TryGetValue(galleryId, out var samples))
                {
                    samples = new List<ClimateSample>();
                    _byGallery[galleryId] = samples;
                }

                samples.Add(sample);
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        public IReadOnlyList<ClimateSample> Range(string galleryId, DateTimeOffset from, DateTimeOffset to)
        {
            _lock.EnterReadLock();
            try
            {
                if (!_byGallery.TryGetValue(galleryId, out var samples))
                {
                    return Array.Empty<ClimateSample>();
                }

                return samples.Where(s => s.At >= from && s.At <= to).ToList();
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        public int Prune(DateTimeOffset now)
        {
            var cutoff = now - _retention;
            var removed = 0;
            _lock.EnterWriteLock();
            try
            {
                foreach (var samples in _byGallery.Values)
                {
                    removed += samples.RemoveAll(s => s.At < cutoff);
                }
            }
            finally
            {
                _lock.ExitWriteLock();
            }
            return removed;
        }

        public void Dispose() => _lock.Dispose();
    }

    /// <summary>
    /// Accepts sample uploads from the battery data loggers, one task per connection.
    /// </summary>
    public sealed class LoggerGateway
    {
        private readonly GalleryClimateStore _store;

        public LoggerGateway(GalleryClimateStore store) => _store = store;

        public Task HandleUploadAsync(string galleryId, IEnumerable<ClimateSample> samples)
        {
            return Task.Run(() =>
            {
                foreach (var s in samples)
                {
                    if (double.IsNaN(s.TemperatureC) || s.RelativeHumidity is < 0 or > 100)
                    {
                        continue;
                    }
                    _store.Record(galleryId, s);
                }
            });
        }
    }
}
