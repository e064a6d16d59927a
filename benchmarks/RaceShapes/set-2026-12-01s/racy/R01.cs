namespace GlacierWatch.Telemetry;

/// <summary>
/// A single reading from an ablation stake or ultrasonic melt gauge.
/// </summary>
public readonly record struct MeltReading(string GaugeId, double Millimetres, DateTimeOffset TakenAt);

/// <summary>
/// Summary shown on the field-station dashboard.
/// </summary>
public sealed record MeltSummary(int ReadingCount, double MeanMillimetres, double PeakMillimetres, DateTimeOffset? LastReadingAt);

/// <summary>
/// Rolling melt statistics for the gauge network. Registered as a singleton in the
/// ingestion API; every upload request calls <see cref="Record"/> and the dashboard
/// polls <see cref="GetSummary"/>.
/// </summary>
public sealed class MeltRateAggregator
{
    private readonly object _sync = new();
    private readonly HashSet<string> _knownGauges;
    private double _totalMillimetres;
    private int _readingCount;
    private double _peakMillimetres;
    private DateTimeOffset? _lastReadingAt;

    public MeltRateAggregator(IEnumerable<string> registeredGauges)
    {
        _knownGauges = new HashSet<string>(registeredGauges, StringComparer.OrdinalIgnoreCase);
    }

    public bool Record(MeltReading reading)
    {
        if (!_knownGauges.Contains(reading.GaugeId))
            return false;

        // Negative values come from snow accumulation on the stake; they are not melt.
        if (reading.Millimetres < 0 || double.IsNaN(reading.Millimetres))
            return false;

        lock (_sync)
        {
            _totalMillimetres += reading.Millimetres;
            _readingCount++;
            if (_lastReadingAt is null || reading.TakenAt > _lastReadingAt)
                _lastReadingAt = reading.TakenAt;
        }

        if (reading.Millimetres > _peakMillimetres)
            _peakMillimetres = reading.Millimetres;

        return true;
    }

    public MeltSummary GetSummary()
    {
        lock (_sync)
        {
            double mean = _readingCount == 0 ? 0 : _totalMillimetres / _readingCount;
            return new MeltSummary(_readingCount, mean, _peakMillimetres, _lastReadingAt);
        }
    }

    public void ResetSeason()
    {
        lock (_sync)
        {
            _totalMillimetres = 0;
            _readingCount = 0;
            _peakMillimetres = 0;
            _lastReadingAt = null;
        }
    }
}
