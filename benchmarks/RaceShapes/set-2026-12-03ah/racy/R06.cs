namespace Blind34.WoolCarding.Throughput;

/// <summary>
/// Rolling throughput statistics for a carding line: the last N fleece
/// weights fed through the swift. The feed sensors for each machine call
/// <see cref="Add"/> from their own threads and the mill dashboard polls the
/// read-only properties.
/// </summary>
public sealed class CardingWindowStats
{
    private readonly object _gate = new();
    private readonly double[] _weights;
    private int _next;
    private int _count;
    private double _sum;

    public CardingWindowStats(int windowSize)
    {
        if (windowSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(windowSize));
        }

        _weights = new double[windowSize];
    }

    public void Add(double fleeceKg)
    {
        lock (_gate)
        {
            if (_count == _weights.Length)
            {
                _sum -= _weights[_next];
            }
            else
            {
                _count++;
            }

            _weights[_next] = fleeceKg;
            _sum += fleeceKg;
            _next = (_next + 1) % _weights.Length;
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Average fleece weight over the window, in kilograms.</summary>
    public double Average => _count == 0 ? 0 : _sum / _count;

    public double Max()
    {
        lock (_gate)
        {
            var max = 0.0;
            for (var i = 0; i < _count; i++)
            {
                max = Math.Max(max, _weights[i]);
            }

            return max;
        }
    }
}

public sealed class CardingDashboard
{
    private readonly IReadOnlyDictionary<string, CardingWindowStats> _machines;

    public CardingDashboard(IReadOnlyDictionary<string, CardingWindowStats> machines) => _machines = machines;

    public string Render() =>
        string.Join(Environment.NewLine, _machines.Select(m =>
            $"{m.Key,-12} avg {m.Value.Average,6:F2} kg  max {m.Value.Max(),6:F2} kg  n={m.Value.Count}"));

    public Task FeedAsync(string machine, IAsyncEnumerable<double> sensor, CancellationToken ct) =>
        Task.Run(async () =>
        {
            await foreach (var kg in sensor.WithCancellation(ct))
            {
                _machines[machine].Add(kg);
            }
        }, ct);
}
