using System.Collections.Generic;
using System.Threading.Tasks;

namespace Blind47.Glaciers.MassBalance;

public sealed record StakeReading(string StakeId, double Elevation, double AblationMetres, double DensityKgM3);

/// <summary>
/// Computes the season's surface mass balance from ablation-stake readings.
/// A new calculator is created for each glacier and season.
/// </summary>
public sealed class MassBalanceCalculator
{
    private readonly double _bandHeight;
    private double _totalWaterEquivalent;
    private int _stakesUsed;

    public MassBalanceCalculator(double bandHeight = 50.0)
    {
        _bandHeight = bandHeight;
    }

    public double TotalWaterEquivalent => _totalWaterEquivalent;

    public int StakesUsed => _stakesUsed;

    /// <summary>
    /// Sums water equivalent over all stakes, weighting each by the area of its
    /// elevation band. The readings are processed on the thread pool because the
    /// larger ice caps have several thousand stakes.
    /// </summary>
    public double Compute(IReadOnlyList<StakeReading> readings, IReadOnlyDictionary<int, double> bandAreaKm2)
    {
        _totalWaterEquivalent = 0;
        _stakesUsed = 0;

        Parallel.ForEach(
            readings,
            () => (Sum: 0.0, Count: 0),
            (reading, _, local) =>
            {
                var band = (int)Math.Floor(reading.Elevation / _bandHeight);
                if (!bandAreaKm2.TryGetValue(band, out var area) || reading.DensityKgM3 <= 0)
                {
                    return local;
                }

                var we = reading.AblationMetres * reading.DensityKgM3 / 1000.0;
                return (local.Sum + we * area, local.Count + 1);
            },
            local =>
            {
                _totalWaterEquivalent += local.Sum;
                Interlocked.Add(ref _stakesUsed, local.Count);
            });

        return _totalWaterEquivalent;
    }

    public string Describe(string glacier)
    {
        return $"{glacier}: {_totalWaterEquivalent:F2} m w.e. km² from {_stakesUsed} stakes";
    }
}

public static class MassBalanceReport
{
    public static IReadOnlyList<string> Run(IReadOnlyDictionary<string, IReadOnlyList<StakeReading>> byGlacier, IReadOnlyDictionary<int, double> areas)
    {
        var lines = new List<string>();
        foreach (var (glacier, readings) in byGlacier)
        {
            var calc = new MassBalanceCalculator();
            calc.Compute(readings, areas);
            lines.Add(calc.Describe(glacier));
        }

        return lines;
    }
}
