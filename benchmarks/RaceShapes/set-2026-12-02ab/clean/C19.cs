namespace Blind28.TruffleHunting.Survey;

public sealed record GridCell(int Row, int Column, double OakDensity, double SoilPh, double Slope);

/// <summary>
/// Monte Carlo estimate of how likely each cell of a woodland survey grid is to hold
/// black truffle, used to plan where the dogs are walked next season.
/// </summary>
public sealed class TruffleProbabilityMap
{
    private readonly int _trialsPerCell;
    private readonly ThreadLocal<Random> _random;

    public TruffleProbabilityMap(int trialsPerCell, int seed)
    {
        _trialsPerCell = trialsPerCell;
        var seedSource = seed;
        _random = new ThreadLocal<Random>(() => new Random(Interlocked.Increment(ref seedSource)));
    }

    public double[,] Estimate(IReadOnlyList<GridCell> cells, int rows, int columns)
    {
        var map = new double[rows, columns];
        var flat = new double[cells.Count];

        Parallel.For(0, cells.Count, i =>
        {
            var random = _random.Value!;
            var cell = cells[i];
            var hits = 0;
            for (var t = 0; t < _trialsPerCell; t++)
            {
                var rainfall = 500 + random.NextDouble() * 400;
                var summerStorm = random.NextDouble() < 0.3;
                if (Likely(cell, rainfall, summerStorm))
                {
                    hits++;
                }
            }

            flat[i] = (double)hits / _trialsPerCell;
        });

        for (var i = 0; i < cells.Count; i++)
        {
            map[cells[i].Row, cells[i].Column] = flat[i];
        }

        return map;
    }

    private static bool Likely(GridCell cell, double rainfall, bool summerStorm)
    {
        if (cell.SoilPh < 7.2 || cell.Slope > 25)
        {
            return false;
        }

        var score = cell.OakDensity * 0.6 + (rainfall - 500) / 400 * 0.3 + (summerStorm ? 0.2 : 0);
        return score > 0.55;
    }
}
