namespace Blind37.IceSculpture.MeltWatch;

public readonly record struct BlockMeasurement(string SculptureId, double HeightCm, DateTime TakenUtc);

public sealed record MeltRate(string SculptureId, double CmPerHour);

/// <summary>
/// Estimates how fast each sculpture is melting from the laser height gauges, so the
/// festival crew know which pieces need shade cloths first. Recomputes on a timer; the
/// crew's tablets read the latest ranking.
/// </summary>
public sealed class MeltRateMonitor : IDisposable
{
    private readonly Func<IReadOnlyList<BlockMeasurement>> _readGauges;
    private readonly System.Timers.Timer _timer;
    private readonly object _timerGate = new();
    private bool _started;
    private bool _stopped;

    // Last measurement seen for each sculpture.
    private readonly Dictionary<string, BlockMeasurement> _previous = new(StringComparer.Ordinal);

    private MeltRate[] _ranking = Array.Empty<MeltRate>();

    public MeltRateMonitor(Func<IReadOnlyList<BlockMeasurement>> readGauges, TimeSpan interval)
    {
        _readGauges = readGauges;
        _timer = new System.Timers.Timer(interval.TotalMilliseconds) { AutoReset = false };
        _timer.Elapsed += (_, _) => OnElapsed();
    }

    public IReadOnlyList<MeltRate> Ranking => Volatile.Read(ref _ranking);

    public void Start()
    {
        lock (_timerGate)
        {
            if (_started || _stopped)
            {
                return;
            }

            _started = true;
            _timer.Start();
        }
    }

    private void OnElapsed()
    {
        try
        {
            var current = _readGauges();
            var previous = _previous;

            var rates = current
                .AsParallel()
                .Where(m => previous.ContainsKey(m.SculptureId))
                .Select(m =>
                {
                    var before = previous[m.SculptureId];
                    var hours = (m.TakenUtc - before.TakenUtc).TotalHours;
                    return new MeltRate(m.SculptureId, hours <= 0 ? 0 : (before.HeightCm - m.HeightCm) / hours);
                })
                .OrderByDescending(r => r.CmPerHour)
                .ToArray();

            foreach (var measurement in current)
            {
                _previous[measurement.SculptureId] = measurement;
            }

            Volatile.Write(ref _ranking, rates);
        }
        finally
        {
            lock (_timerGate)
            {
                if (!_stopped)
                {
                    _timer.Start();
                }
            }
        }
    }

    public void Stop()
    {
        lock (_timerGate)
        {
            _stopped = true;
            _timer.Stop();
        }
    }

    public void Dispose()
    {
        Stop();
        _timer.Dispose();
    }
}
