namespace Blind63.SaltMarsh.TideGauge;

/// <summary>
/// Rolling average of water level above chart datum for one creek gauge.
/// Shared by the telemetry receiver and the flood-warning endpoints.
/// </summary>
public sealed class CreekLevelAverage
{
    private readonly object _gate = new();
    private readonly double[] _levels;
    private int _next;
    private int _count;
    private double _sum;

    public CreekLevelAverage(int window)
    {
        _levels = new double[window];
    }

    public void Add(double metres)
    {
        lock (_gate)
        {
            if (_count == _levels.Length)
            {
                _sum -= _levels[_next];
            }
            else
            {
                _count++;
            }
            _levels[_next] = metres;
            _sum += metres;
            _next = (_next + 1) % _levels.Length;
        }
    }

    public double Average
    {
        get
        {
            lock (_gate)
            {
                return _count == 0 ? 0 : _sum / _count;
            }
        }
    }

    public (double Average, int Samples) Read()
    {
        lock (_gate)
        {
            return (_count == 0 ? 0 : _sum / _count, _count);
        }
    }
}

public sealed class FloodWarningService
{
    private readonly IReadOnlyDictionary<string, CreekLevelAverage> _gauges;
    private readonly double _warnAboveMetres;

    public FloodWarningService(IEnumerable<string> gaugeIds, int window, double warnAboveMetres)
    {
        _gauges = gaugeIds.ToDictionary(id => id, _ => new CreekLevelAverage(window));
        _warnAboveMetres = warnAboveMetres;
    }

    public void OnTelemetry(string gaugeId, double metres)
    {
        if (_gauges.TryGetValue(gaugeId, out var g))
        {
            g.Add(metres);
        }
    }

    public IEnumerable<string> GaugesInWarning() =>
        _gauges.Where(kv =>
        {
            var (avg, samples) = kv.Value.Read();
            return samples > 0 && avg > _warnAboveMetres;
        }).Select(kv => kv.Key).ToList();
}
