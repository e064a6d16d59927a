namespace Blind65.LavenderFarms.Metrics;

/// <summary>
/// Counts bunches tied per packing line. Many packing-line threads record at
/// once, so each line's counter lives on its own cache line.
/// </summary>
public sealed class BunchingMetrics
{
    private const int Padding = 16;
    private readonly long[] _slots;
    private readonly int _lines;

    public BunchingMetrics(int lines)
    {
        _lines = lines;
        _slots = new long[lines * Padding];
    }

    public void RecordBunches(int line, int bunches) =>
        Interlocked.Add(ref _slots[line * Padding], bunches);

    public long BunchesOn(int line) => Interlocked.Read(ref _slots[line * Padding]);

    public long Total
    {
        get
        {
            long total = 0;
            for (var line = 0; line < _lines; line++)
            {
                total += Interlocked.Read(ref _slots[line * Padding]);
            }
            return total;
        }
    }

    /// <summary>Returns each line's count since the last call and starts them again from zero.</summary>
    public long[] Harvest()
    {
        var counts = new long[_lines];
        for (var line = 0; line < _lines; line++)
        {
            counts[line] = Interlocked.Exchange(ref _slots[line * Padding], 0);
        }
        return counts;
    }
}

public sealed class PackingLine
{
    private readonly int _line;
    private readonly BunchingMetrics _metrics;

    public PackingLine(int line, BunchingMetrics metrics)
    {
        _line = line;
        _metrics = metrics;
    }

    public Task RunAsync(Func<int> tieBatch, CancellationToken token) => Task.Run(() =>
    {
        while (!token.IsCancellationRequested)
        {
            _metrics.RecordBunches(_line, tieBatch());
        }
    }, token);
}

public static class ShiftReport
{
    public static async Task RunAsync(BunchingMetrics metrics, Action<long[]> publish, CancellationToken token)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(15));
        while (await timer.WaitForNextTickAsync(token))
        {
            publish(metrics.Harvest());
        }
    }
}
