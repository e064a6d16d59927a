namespace Blind40.CiderOrchards.Harvest;

/// <summary>Immutable running totals; a new instance is published for every update.</summary>
public sealed record PickingTotals(int Crates, double Kilograms, double HeaviestCrateKg)
{
    public static readonly PickingTotals Empty = new(0, 0, 0);

    public double AverageCrateKg => Crates == 0 ? 0 : Kilograms / Crates;

    public PickingTotals Add(double crateKg) =>
        new(Crates + 1, Kilograms + crateKg, Math.Max(HeaviestCrateKg, crateKg));
}

/// <summary>
/// Running harvest figures for the orchard. Singleton; weighbridge terminals
/// at every row end report crates concurrently and the office dashboard reads
/// the figures.
/// </summary>
public sealed class HarvestTally
{
    private PickingTotals _totals = PickingTotals.Empty;

    public PickingTotals Current => Volatile.Read(ref _totals);

    public double AverageCrateKg => Current.AverageCrateKg;

    public void RecordCrate(double kilograms)
    {
        if (kilograms <= 0) throw new ArgumentOutOfRangeException(nameof(kilograms));

        var spinner = new SpinWait();
        while (true)
        {
            var current = Volatile.Read(ref _totals);
            var next = current.Add(kilograms);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _totals, next, current), current))
            {
                return;
            }
            spinner.SpinOnce();
        }
    }

    /// <summary>Starts a new picking day and returns the totals of the day that ended.</summary>
    public PickingTotals StartNewDay() => Interlocked.Exchange(ref _totals, PickingTotals.Empty);
}

public sealed class WeighbridgeTerminal
{
    private readonly HarvestTally _tally;
    private readonly string _row;

    public WeighbridgeTerminal(HarvestTally tally, string row)
    {
        _tally = tally;
        _row = row;
    }

    public string Row => _row;

    public Task RunAsync(IAsyncEnumerable<double> weighings, CancellationToken ct) => Task.Run(async () =>
    {
        await foreach (var kg in weighings.WithCancellation(ct).ConfigureAwait(false))
        {
            _tally.RecordCrate(kg);
        }
    }, ct);
}

public sealed class OfficeDashboard
{
    private readonly HarvestTally _tally;

    public OfficeDashboard(HarvestTally tally) => _tally = tally;

    public string Render()
    {
        var t = _tally.Current;
        return $"{t.Crates} crates, {t.Kilograms:F0} kg, avg {t.AverageCrateKg:F1} kg, heaviest {t.HeaviestCrateKg:F1} kg";
    }
}
