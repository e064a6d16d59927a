namespace Blind31.ModelRailwayClubs.Layout;

/// <summary>
/// Converts lengths between model railway gauges. Used by the layout planner, the parts
/// catalogue and the club's web shop.
/// </summary>
public static class ScaleConverter
{
    private static readonly Dictionary<string, double> s_scaleDenominators = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Z"] = 220,
        ["N"] = 160,
        ["TT"] = 120,
        ["HO"] = 87,
        ["OO"] = 76.2,
        ["O"] = 43.5,
        ["G"] = 22.5,
    };

    private static readonly Dictionary<(string From, string To), double> s_ratioCache = new();

    public static double Convert(double millimetres, string fromGauge, string toGauge)
    {
        var key = (fromGauge.ToUpperInvariant(), toGauge.ToUpperInvariant());
        if (!s_ratioCache.TryGetValue(key, out double ratio))
        {
            ratio = ComputeRatio(key.Item1, key.Item2);
            s_ratioCache[key] = ratio;
        }

        return millimetres * ratio;
    }

    private static double ComputeRatio(string fromGauge, string toGauge)
    {
        if (!s_scaleDenominators.TryGetValue(fromGauge, out double from) ||
            !s_scaleDenominators.TryGetValue(toGauge, out double to))
        {
            throw new ArgumentException($"Unknown gauge pair {fromGauge}->{toGauge}");
        }

        return from / to;
    }
}

public sealed record TrackPiece(string Code, string Gauge, double LengthMm);

/// <summary>Plans a converted layout when a member moves a module to another gauge.</summary>
public sealed class LayoutPlanner
{
    public IReadOnlyList<TrackPiece> ConvertModule(IReadOnlyList<TrackPiece> pieces, string targetGauge)
    {
        var converted = new TrackPiece[pieces.Count];
        Parallel.For(0, pieces.Count, i =>
        {
            var piece = pieces[i];
            double length = ScaleConverter.Convert(piece.LengthMm, piece.Gauge, targetGauge);
            converted[i] = piece with { Gauge = targetGauge, LengthMm = Math.Round(length, 1) };
        });

        return converted;
    }

    public double TotalLength(IEnumerable<TrackPiece> pieces, string gauge)
    {
        return pieces
            .AsParallel()
            .Sum(p => ScaleConverter.Convert(p.LengthMm, p.Gauge, gauge));
    }
}
