namespace Blind37.BellFoundry.Tuning;

/// <summary>Partial frequencies measured on a bell after a tuning pass on the lathe.</summary>
public sealed record TuningReport(string BellId, double HumHz, double PrimeHz, double TierceHz, double NominalHz, DateTime MeasuredUtc);

/// <summary>
/// Caches the latest tuning report for each bell so the tuner's bench display and the
/// ring-planning tool do not re-read the analyser database on every refresh. Entries
/// expire a fixed time after they were stored. One instance is shared app-wide.
/// </summary>
public sealed class TuningReportCache : IDisposable
{
    private readonly Dictionary<string, (TuningReport Report, DateTime ExpiresUtc)> _entries = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly TimeSpan _timeToLive;
    private readonly Timer _evictionTimer;
    private bool _disposed;

    public TuningReportCache(TimeSpan timeToLive)
    {
        _timeToLive = timeToLive;
        _evictionTimer = new Timer(_ => EvictExpired(), null, timeToLive, timeToLive);
    }

    public void Store(TuningReport report)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _entries[report.BellId] = (report, DateTime.UtcNow + _timeToLive);
        }
    }

    public bool TryGet(string bellId, out TuningReport? report)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(bellId, out var entry) && entry.ExpiresUtc > DateTime.UtcNow)
            {
                report = entry.Report;
                return true;
            }
        }

        report = null;
        return false;
    }

    public async Task<TuningReport> GetOrLoadAsync(string bellId, Func<string, Task<TuningReport>> load)
    {
        if (TryGet(bellId, out var cached) && cached is not null)
        {
            return cached;
        }

        // Two callers may both load the same bell; the later Store simply wins.
        var report = await load(bellId).ConfigureAwait(false);
        Store(report);
        return report;
    }

    private void EvictExpired()
    {
        var now = DateTime.UtcNow;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            List<string>? expired = null;
            foreach (var pair in _entries)
            {
                if (pair.Value.ExpiresUtc <= now)
                {
                    (expired ??= new List<string>()).Add(pair.Key);
                }
            }

            if (expired is not null)
            {
                foreach (var key in expired)
                {
                    _entries.Remove(key);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _entries.Clear();
        }
        _evictionTimer.Dispose();
    }
}
