using System;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.Beekeeping.Bottling;

/// <summary>
/// Counts honey jars labelled across the co-operative's bottling lines.
/// Labeller threads call <see cref="Add"/> for every jar; the shop-floor
/// dashboard calls <see cref="Total"/> once a second. Spread over several
/// slots to keep the labellers from contending on one counter.
/// </summary>
public sealed class JarCounter
{
    private readonly long[] _shards;
    private readonly int _mask;

    public JarCounter(int shardCount = 8)
    {
        if (shardCount <= 0 || (shardCount & (shardCount - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(shardCount), "Shard count must be a power of two.");
        }

        _shards = new long[shardCount];
        _mask = shardCount - 1;
    }

    public void Add(int jars = 1)
    {
        int index = Environment.CurrentManagedThreadId & _mask;
        _shards[index] += jars;
    }

    public long Total()
    {
        long total = 0;
        for (int i = 0; i < _shards.Length; i++)
        {
            total += Volatile.Read(ref _shards[i]);
        }

        return total;
    }
}

/// <summary>
/// Simulates or drives one bottling run: each line labels its jars on its own
/// worker and reports to the shared counter.
/// </summary>
public sealed class BottlingRun
{
    private readonly JarCounter _counter;
    private readonly Func<int, int, bool> _labelJar;

    public BottlingRun(JarCounter counter, Func<int, int, bool> labelJar)
    {
        _counter = counter;
        _labelJar = labelJar;
    }

    public long Run(int lines, int jarsPerLine)
    {
        Parallel.For(0, lines, new ParallelOptions { MaxDegreeOfParallelism = 32 }, line =>
        {
            for (int jar = 0; jar < jarsPerLine; jar++)
            {
                if (_labelJar(line, jar))
                {
                    _counter.Add();
                }
            }
        });

        return _counter.Total();
    }

    public async Task MonitorAsync(IProgress<long> dashboard, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            dashboard.Report(_counter.Total());
        }
    }
}
