namespace Blind40.Coopers.Production;

/// <summary>
/// Counts staves raised, hoops driven and barrels finished across every bench
/// in the cooperage. Registered as an app-wide singleton; bench stations report
/// from their own threads many times a second, so the count is spread across
/// shards to keep benches from contending on one cache line.
/// </summary>
public sealed class BarrelProductionCounter
{
    // Each shard sits on its own 64-byte cache line.
    private const int Padding = 8;

    private readonly long[] _cells;
    private readonly int _shardCount;

    public BarrelProductionCounter(int shardCount = 16)
    {
        if (shardCount <= 0) throw new ArgumentOutOfRangeException(nameof(shardCount));
        _shardCount = shardCount;
        _cells = new long[shardCount * Padding];
    }

    public void Increment(long amount = 1)
    {
        int shard = Environment.CurrentManagedThreadId % _shardCount;
        _cells[shard * Padding] += amount;
    }

    public long Total
    {
        get
        {
            long sum = 0;
            for (int i = 0; i < _shardCount; i++)
            {
                sum += Volatile.Read(ref _cells[i * Padding]);
            }
            return sum;
        }
    }
}

/// <summary>Counters exposed on the cooperage's production dashboard.</summary>
public sealed class CooperageMetrics
{
    public BarrelProductionCounter StavesRaised { get; } = new();
    public BarrelProductionCounter HoopsDriven { get; } = new();
    public BarrelProductionCounter BarrelsFinished { get; } = new(4);

    public string Describe() =>
        $"staves={StavesRaised.Total} hoops={HoopsDriven.Total} barrels={BarrelsFinished.Total}";
}

/// <summary>A bench station reporting as the cooper works.</summary>
public sealed class BenchStation
{
    private readonly CooperageMetrics _metrics;
    private readonly string _benchName;

    public BenchStation(CooperageMetrics metrics, string benchName)
    {
        _metrics = metrics;
        _benchName = benchName;
    }

    public string BenchName => _benchName;

    public Task RunShiftAsync(int barrels, CancellationToken ct) => Task.Run(() =>
    {
        for (int b = 0; b < barrels && !ct.IsCancellationRequested; b++)
        {
            for (int stave = 0; stave < 32; stave++)
            {
                _metrics.StavesRaised.Increment();
            }

            _metrics.HoopsDriven.Increment(6);
            _metrics.BarrelsFinished.Increment();
        }
    }, ct);

    public static Task RunWorkshopAsync(CooperageMetrics metrics, int benches, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(1, benches)
            .Select(i => new BenchStation(metrics, $"bench-{i}").RunShiftAsync(200, ct)));
}
