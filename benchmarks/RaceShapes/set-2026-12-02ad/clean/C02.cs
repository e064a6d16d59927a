namespace Blind30.RosinWorkshop;

public sealed record RosinBatch(string Code, string Grade, double ResinKg, double BeeswaxKg);

public sealed record CureResult(string Code, bool Passed, double HardnessShoreD);

public interface ICuringOven
{
    Task<double> CureAndMeasureAsync(RosinBatch batch, CancellationToken ct);
}

/// <summary>
/// Cures a day's rosin batches in the workshop's ovens concurrently and reports how
/// many met the hardness specification for their grade.
/// </summary>
public sealed class CuringRun
{
    private readonly ICuringOven _oven;
    private int _passed;
    private int _failed;

    public CuringRun(ICuringOven oven)
    {
        _oven = oven;
    }

    public int Passed => Volatile.Read(ref _passed);
    public int Failed => Volatile.Read(ref _failed);

    public async Task<IReadOnlyList<CureResult>> RunAsync(IEnumerable<RosinBatch> batches, CancellationToken ct)
    {
        var results = await Task.WhenAll(batches.Select(b => CureOneAsync(b, ct))).ConfigureAwait(false);
        return results;
    }

    private async Task<CureResult> CureOneAsync(RosinBatch batch, CancellationToken ct)
    {
        double hardness = await _oven.CureAndMeasureAsync(batch, ct).ConfigureAwait(false);
        bool passed = hardness >= MinimumHardness(batch.Grade);

        if (passed)
        {
            Interlocked.Increment(ref _passed);
        }
        else
        {
            Interlocked.Increment(ref _failed);
        }

        return new CureResult(batch.Code, passed, hardness);
    }

    private static double MinimumHardness(string grade) => grade switch
    {
        "light" => 28.0,
        "amber" => 32.0,
        "dark" => 36.0,
        _ => 30.0,
    };
}

/// <summary>Oven used in the workshop's test rig.</summary>
public sealed class BenchOven : ICuringOven
{
    public async Task<double> CureAndMeasureAsync(RosinBatch batch, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(25), ct).ConfigureAwait(false);
        double ratio = batch.ResinKg / Math.Max(0.001, batch.ResinKg + batch.BeeswaxKg);
        return 20.0 + ratio * 20.0;
    }
}
