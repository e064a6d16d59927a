namespace TeaPlantation.Factory;

public sealed record WitheringTrough(int TroughNumber, double LoadedKg, double MoisturePercent);

public sealed record WitheringReport(double TotalLoadedKg, double ExpectedMadeTeaKg, int TroughsOverMoisture);

/// <summary>
/// Estimates made-tea yield for the day's withering troughs.
/// </summary>
public sealed class YieldEstimator
{
    private readonly double _targetMoisture;

    public YieldEstimator(double targetMoisture = 70.0) => _targetMoisture = targetMoisture;

    private sealed class Accumulator
    {
        public double LoadedKg;
        public double MadeTeaKg;
        public int OverMoisture;
    }

    public WitheringReport Estimate(IReadOnlyList<WitheringTrough> troughs)
    {
        using var perThread = new ThreadLocal<Accumulator>(() => new Accumulator(), trackAllValues: true);

        Parallel.For(0, troughs.Count, i =>
        {
            var trough = troughs[i];
            var acc = perThread.Value!;
            acc.LoadedKg += trough.LoadedKg;
            var dryMatter = trough.LoadedKg * (1 - trough.MoisturePercent / 100.0);
            acc.MadeTeaKg += dryMatter / 0.97;
            if (trough.MoisturePercent > _targetMoisture)
            {
                acc.OverMoisture++;
            }
        });

        double loaded = 0, made = 0;
        int over = 0;
        foreach (var acc in perThread.Values)
        {
            loaded += acc.LoadedKg;
            made += acc.MadeTeaKg;
            over += acc.OverMoisture;
        }

        return new WitheringReport(Math.Round(loaded, 1), Math.Round(made, 1), over);
    }
}

/// <summary>
/// Reads trough loading sheets from the factory floor tablets.
/// </summary>
public static class TroughSheet
{
    public static IReadOnlyList<WitheringTrough> Parse(string text)
    {
        var troughs = new List<WitheringTrough>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var p = line.Split('\t');
            if (p.Length == 3
                && int.TryParse(p[0], out var n)
                && double.TryParse(p[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var kg)
                && double.TryParse(p[2], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var moisture))
            {
                troughs.Add(new WitheringTrough(n, kg, moisture));
            }
        }
        return troughs;
    }
}
