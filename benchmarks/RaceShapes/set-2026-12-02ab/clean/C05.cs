namespace Blind28.AntiqueClocks.Regulation;

public sealed record RateSample(DateTime TakenAt, double SecondsPerDay);

/// <summary>
/// Samples the rate of each movement on the regulation rack every minute so the
/// restorer can see how far a longcase or bracket clock is drifting after adjustment.
/// The workshop UI and the sampling timer both use this object.
/// </summary>
public sealed class RegulationRack : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<RateSample>> _samples = new();
    private readonly Func<string, double> _readRate;
    private readonly Timer _timer;
    private bool _sampling;
    private bool _disposed;

    public RegulationRack(Func<string, double> readRate)
    {
        _readRate = readRate;
        _timer = new Timer(OnTick, null, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));
    }

    public void Mount(string clockId)
    {
        lock (_gate)
        {
            _samples.TryAdd(clockId, new List<RateSample>());
        }
    }

    public void Unmount(string clockId)
    {
        lock (_gate)
        {
            _samples.Remove(clockId);
        }
    }

    public double? AverageDrift(string clockId, int lastSamples)
    {
        lock (_gate)
        {
            if (!_samples.TryGetValue(clockId, out var list) || list.Count == 0)
            {
                return null;
            }

            return list.Skip(Math.Max(0, list.Count - lastSamples)).Average(s => s.SecondsPerDay);
        }
    }

    private void OnTick(object? state)
    {
        string[] clocks;
        lock (_gate)
        {
            if (_sampling || _disposed)
            {
                return;
            }

            _sampling = true;
            clocks = _samples.Keys.ToArray();
        }

        try
        {
            var now = DateTime.UtcNow;
            var readings = clocks.Select(id => (id, rate: _readRate(id))).ToList();

            lock (_gate)
            {
                foreach (var (id, rate) in readings)
                {
                    if (_samples.TryGetValue(id, out var list))
                    {
                        list.Add(new RateSample(now, rate));
                    }
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _sampling = false;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }
}
