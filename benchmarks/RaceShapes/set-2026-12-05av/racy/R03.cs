namespace Blind48.Forge.ShiftReporting;

public sealed record ForgeOrder(string OrderId, string Item, int Quantity, double SteelKgPerPiece);

public sealed record ForgedBatch(string OrderId, int Pieces, double CoalKg, TimeSpan FireTime);

/// <summary>
/// Running totals for one forge shift. The batch runner feeds it from every
/// anvil station at once; the shift lead reads <see cref="Describe"/> at the end.
/// </summary>
public sealed class ForgeShiftTotals
{
    private int _batches;
    private int _pieces;
    private long _fireTicks;
    private double _coalKg;

    public void Add(ForgedBatch batch)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _pieces, batch.Pieces);
        Interlocked.Add(ref _fireTicks, batch.FireTime.Ticks);
        _coalKg += batch.CoalKg;
    }

    public int Batches => Volatile.Read(ref _batches);

    public string Describe() =>
        $"{_batches} batches, {_pieces} pieces, {TimeSpan.FromTicks(_fireTicks):g} at the fire, {_coalKg:F1} kg coal";
}

/// <summary>
/// Runs the day's orders across the available anvils.
/// </summary>
public sealed class ForgeBatchRunner
{
    private readonly double _coalPerKgSteel;

    public ForgeBatchRunner(double coalPerKgSteel) => _coalPerKgSteel = coalPerKgSteel;

    public ForgeShiftTotals RunShift(IEnumerable<ForgeOrder> orders, int anvils)
    {
        var totals = new ForgeShiftTotals();
        var options = new ParallelOptions { MaxDegreeOfParallelism = anvils };

        Parallel.ForEach(orders, options, order =>
        {
            var batch = Forge(order);
            totals.Add(batch);
        });

        return totals;
    }

    private ForgedBatch Forge(ForgeOrder order)
    {
        var steelKg = order.Quantity * order.SteelKgPerPiece;
        var heats = (int)Math.Ceiling(steelKg / 4.0);
        var fireTime = TimeSpan.FromMinutes(heats * 6 + order.Quantity);

        // Simulated hammer work; the real station reports via the anvil sensor.
        Thread.SpinWait(1000 * heats);

        return new ForgedBatch(order.OrderId, order.Quantity, steelKg * _coalPerKgSteel, fireTime);
    }
}
