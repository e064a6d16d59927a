namespace Blind63.StainedGlass.Cutting;

public sealed record GlassPane(string Id, string Colour, double WidthMm, double HeightMm, IReadOnlyList<(double X, double Y)> Outline);

public sealed record CutPlan(string PaneId, int SheetIndex, double OffsetX, double OffsetY);

public sealed class CutPlanResult
{
    public List<CutPlan> Plans { get; } = new();
    public List<string> Rejected { get; } = new();
}

/// <summary>
/// Lays out cartoon panes onto stock sheets of coloured glass before the
/// cutting session. Each colour is planned independently.
/// </summary>
public sealed class SheetPlanner
{
    private readonly double _sheetWidthMm;
    private readonly double _sheetHeightMm;

    public SheetPlanner(double sheetWidthMm, double sheetHeightMm)
    {
        _sheetWidthMm = sheetWidthMm;
        _sheetHeightMm = sheetHeightMm;
    }

    public CutPlanResult Plan(IEnumerable<GlassPane> panes)
    {
        var result = new CutPlanResult();
        var byColour = panes.GroupBy(p => p.Colour).ToList();

        Parallel.ForEach(byColour, group =>
        {
            var local = new List<CutPlan>();
            int sheet = 0;
            double x = 0, y = 0, rowHeight = 0;

            foreach (var pane in group.OrderByDescending(p => p.HeightMm))
            {
                if (pane.WidthMm > _sheetWidthMm || pane.HeightMm > _sheetHeightMm)
                {
                    result.Rejected.Add(pane.Id);
                    continue;
                }

                if (x + pane.WidthMm > _sheetWidthMm)
                {
                    x = 0;
                    y += rowHeight;
                    rowHeight = 0;
                }
                if (y + pane.HeightMm > _sheetHeightMm)
                {
                    sheet++;
                    x = 0;
                    y = 0;
                    rowHeight = 0;
                }

                local.Add(new CutPlan(pane.Id, sheet, x, y));
                x += pane.WidthMm;
                rowHeight = Math.Max(rowHeight, pane.HeightMm);
            }

            lock (result.Plans)
            {
                result.Plans.AddRange(local);
            }
        });

        return result;
    }
}
