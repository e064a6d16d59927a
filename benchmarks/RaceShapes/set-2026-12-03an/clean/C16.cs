using System.Runtime.InteropServices;

namespace Blind40.HatMakers.Orders;

/// <summary>
/// Counts blocking, steaming and trimming operations across the millinery
/// workroom. Registered as a singleton; every station's controller reports
/// through it from its own thread. Counts are striped across padded cells so
/// that stations rarely contend on the same cache line.
/// </summary>
public sealed class StripedOperationCounter
{
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    private struct Cell
    {
        [FieldOffset(0)]
        public long Value;
    }

    private readonly Cell[] _cells;
    private readonly int _mask;

    public StripedOperationCounter(int stripes = 16)
    {
        if (stripes <= 0 || (stripes & (stripes - 1)) != 0)
        {
            throw new ArgumentException("Stripe count must be a power of two.", nameof(stripes));
        }
        _cells = new Cell[stripes];
        _mask = stripes - 1;
    }

    public void Add(long amount = 1)
    {
        int stripe = Environment.CurrentManagedThreadId & _mask;
        Interlocked.Add(ref _cells[stripe].Value, amount);
    }

    /// <summary>A moment-in-time sum; stations may be adding while it is taken.</summary>
    public long Sum()
    {
        long total = 0;
        for (int i = 0; i < _cells.Length; i++)
        {
            total += Interlocked.Read(ref _cells[i].Value);
        }
        return total;
    }

    public long Reset()
    {
        long total = 0;
        for (int i = 0; i < _cells.Length; i++)
        {
            total += Interlocked.Exchange(ref _cells[i].Value, 0);
        }
        return total;
    }
}

public sealed class WorkroomMetrics
{
    public StripedOperationCounter Blocked { get; } = new();
    public StripedOperationCounter Steamed { get; } = new();
    public StripedOperationCounter Trimmed { get; } = new(8);

    public string Summary() => $"blocked={Blocked.Sum()} steamed={Steamed.Sum()} trimmed={Trimmed.Sum()}";
}

public static class WorkroomShift
{
    public static Task RunAsync(WorkroomMetrics metrics, int hats, CancellationToken ct) =>
        Parallel.ForEachAsync(Enumerable.Range(0, hats), ct, async (hat, token) =>
        {
            metrics.Blocked.Add();
            await Task.Yield();
            metrics.Steamed.Add(2);
            if (hat % 3 != 0)
            {
                metrics.Trimmed.Add();
            }
        });
}
