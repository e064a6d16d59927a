namespace Blind63.SaltMarsh.Salinity;

/// <summary>
/// Keeps a rolling window of salinity readings per tide pool.
/// Registered as a singleton; the ingestion endpoint and the dashboard
/// endpoint both call into it for every request.
/// </summary>
public sealed class SalinityWindow
{
    private readonly object _gate = new();
    private readonly double[] _samples;
    private int _next;
    private int _count;
    private double _sum;

    public SalinityWindow(int capacity = 120)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        _samples = new double[capacity];
    }

    public void Add(double partsPerThousand)
    {
        lock (_gate)
        {
            if (_count == _samples.Length)
            {
                _sum -= _samples[_next];
            }
            else
            {
                _count++;
            }

            _samples[_next] = partsPerThousand;
            _sum += partsPerThousand;
            _next = (_next + 1) % _samples.Length;
        }
    }

    /// <summary>Mean of the readings currently held in the window.</summary>
    public double Average
    {
        get
        {
            var count = _count;
            return count == 0 ? 0 : _sum / count;
        }
    }

    public double[] Snapshot()
    {
        lock (_gate)
        {
            var copy = new double[_count];
            for (int i = 0; i < _count; i++)
            {
                int index = (_next - _count + i + _samples.Length) % _samples.Length;
                copy[i] = _samples[index];
            }
            return copy;
        }
    }
}

public sealed class PoolMonitor
{
    private readonly Dictionary<string, SalinityWindow> _pools;

    public PoolMonitor(IEnumerable<string> poolIds)
    {
        _pools = poolIds.ToDictionary(id => id, _ => new SalinityWindow());
    }

    // Called from the ingestion endpoint.
    public void Record(string poolId, double ppt)
    {
        if (_pools.TryGetValue(poolId, out var window))
        {
            window.Add(ppt);
        }
    }

    // Called from the dashboard endpoint.
    public IReadOnlyDictionary<string, double> Averages() =>
        _pools.ToDictionary(p => p.Key, p => p.Value.Average);
}
