namespace Blind36.Coracles.Workshop;

public sealed record HideOrder(string Customer, double DiameterMetres, bool Tarred);

/// <summary>Totals for a batch of coracle frames, updated by the parallel costing run.</summary>
public sealed class FrameBatchStats
{
    private long _willowRods;
    private long _hidePenceTotal;
    private int _framesCosted;

    public long WillowRods => Interlocked.Read(ref _willowRods);
    public long HidePenceTotal => Interlocked.Read(ref _hidePenceTotal);
    public int FramesCosted => Volatile.Read(ref _framesCosted);

    internal void Add(int rods, long hidePence)
    {
        Interlocked.Add(ref _willowRods, rods);
        Interlocked.Add(ref _hidePenceTotal, hidePence);
        Interlocked.Increment(ref _framesCosted);
    }
}

/// <summary>Works out materials and costs for a season's coracle orders.</summary>
public sealed class FrameCostingRun
{
    private const long PencePerSquareMetre = 2_450;

    public FrameBatchStats Run(IEnumerable<HideOrder> orders, IProgress<int>? framesDone = null)
    {
        var stats = new FrameBatchStats();

        Parallel.ForEach(orders, order =>
        {
            int rods = RodsFor(order.DiameterMetres);
            long pence = HideCost(order);
            stats.Add(rods, pence);
            framesDone?.Report(stats.FramesCosted);
        });

        return stats;
    }

    private static int RodsFor(double diameter)
    {
        // Laths are laid at roughly 12 cm spacing each way across the frame.
        int perDirection = (int)Math.Ceiling(diameter / 0.12);
        return perDirection * 2 + 6; // plus gunwale plaits
    }

    private static long HideCost(HideOrder order)
    {
        double radius = order.DiameterMetres / 2 + 0.15;
        double area = Math.PI * radius * radius;
        long pence = (long)Math.Round(area * PencePerSquareMetre);
        return order.Tarred ? pence + 800 : pence;
    }
}
