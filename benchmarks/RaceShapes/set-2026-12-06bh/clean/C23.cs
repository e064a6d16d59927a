namespace Blind60.Sailmakers.Panels;

public sealed record SailPlan(string Name, double LuffMetres, double LeechMetres, double FootMetres, int PanelCount);

public sealed record PanelCut(int Index, double WidthMetres, double LengthMetres, double AreaSquareMetres);

/// <summary>
/// Works out the cloth panels for a cross-cut sail. Each panel's broadseam curve is
/// sampled into a scratch buffer before the panel's area is integrated.
/// </summary>
public sealed class CrossCutPlanner : IDisposable
{
    private const int Samples = 256;
    private readonly ThreadLocal<double[]> _scratch = new(() => new double[Samples]);

    public PanelCut[] Plan(SailPlan sail)
    {
        var cuts = new PanelCut[sail.PanelCount];
        var panelHeight = sail.LuffMetres / sail.PanelCount;

        Parallel.For(0, sail.PanelCount, i =>
        {
            var curve = _scratch.Value!;
            var y0 = i * panelHeight;
            // Chord length varies linearly from the foot to the head.
            for (int s = 0; s < Samples; s++)
            {
                var y = y0 + panelHeight * s / (Samples - 1);
                var chord = sail.FootMetres * (1 - y / sail.LuffMetres);
                var broadseam = 0.012 * chord * Math.Sin(Math.PI * s / (Samples - 1));
                curve[s] = chord + broadseam;
            }

            double area = 0, longest = 0;
            for (int s = 1; s < Samples; s++)
            {
                area += (curve[s] + curve[s - 1]) / 2 * panelHeight / (Samples - 1);
                longest = Math.Max(longest, curve[s]);
            }

            cuts[i] = new PanelCut(i, panelHeight, longest, area);
        });

        return cuts;
    }

    public void Dispose() => _scratch.Dispose();
}

/// <summary>Formats cut lists for the loft floor printer.</summary>
public static class CutListFormatter
{
    [ThreadStatic]
    private static System.Text.StringBuilder? t_builder;

    public static string Format(SailPlan sail, IReadOnlyList<PanelCut> cuts)
    {
        var sb = t_builder ??= new System.Text.StringBuilder(1024);
        sb.Clear();
        sb.AppendLine($"Sail: {sail.Name}");
        foreach (var c in cuts)
        {
            sb.AppendLine($"  panel {c.Index + 1,2}: {c.LengthMetres,6:F2} m x {c.WidthMetres:F2} m ({c.AreaSquareMetres:F2} m²)");
        }
        return sb.ToString();
    }

    public static string[] FormatAll(IEnumerable<(SailPlan Sail, PanelCut[] Cuts)> orders)
        => orders.AsParallel().AsOrdered().Select(o => Format(o.Sail, o.Cuts)).ToArray();
}
