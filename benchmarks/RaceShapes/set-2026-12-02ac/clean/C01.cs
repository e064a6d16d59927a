namespace Blind29.OliveGroves.Harvest;

public sealed record CrateWeighing(string GroveBlock, string Picker, double Kilograms);

/// <summary>
/// Running harvest totals for the estate. Every weigh station at the end of the
/// rows calls <see cref="Record"/>; the mill's intake screen polls <see cref="Progress"/>.
/// </summary>
public sealed class HarvestTally
{
    private readonly long _targetGrams;
    private long _grams;
    private long _crates;
    private long _overweightCrates;

    public HarvestTally(double targetTonnes) => _targetGrams = (long)(targetTonnes * 1_000_000);

    public void Record(CrateWeighing weighing)
    {
        var grams = (long)Math.Round(weighing.Kilograms * 1000);
        Interlocked.Add(ref _grams, grams);
        Interlocked.Increment(ref _crates);
        if (weighing.Kilograms > 25)
        {
            Interlocked.Increment(ref _overweightCrates);
        }
    }

    public HarvestProgress Progress()
    {
        var grams = Interlocked.Read(ref _grams);
        var crates = Interlocked.Read(ref _crates);
        var overweight = Interlocked.Read(ref _overweightCrates);
        var fraction = _targetGrams == 0 ? 0 : Math.Min(1.0, (double)grams / _targetGrams);
        return new HarvestProgress(grams / 1000.0, crates, overweight, fraction);
    }
}

public sealed record HarvestProgress(double Kilograms, long Crates, long OverweightCrates, double FractionOfTarget);

public sealed class WeighStation
{
    private readonly HarvestTally _tally;
    private readonly string _block;

    public WeighStation(HarvestTally tally, string block)
    {
        _tally = tally;
        _block = block;
    }

    public Task RunAsync(IAsyncEnumerable<(string Picker, double Kg)> scale, CancellationToken ct) =>
        Task.Run(async () =>
        {
            await foreach (var (picker, kg) in scale.WithCancellation(ct))
            {
                _tally.Record(new CrateWeighing(_block, picker, kg));
            }
        }, ct);
}

public static class IntakeScreen
{
    public static async Task MonitorAsync(HarvestTally tally, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(ct))
        {
            var p = tally.Progress();
            Console.WriteLine($"{p.Kilograms:N0} kg in {p.Crates} crates ({p.FractionOfTarget:P1} of target)");
        }
    }
}
