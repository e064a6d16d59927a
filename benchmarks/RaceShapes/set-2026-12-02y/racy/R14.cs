using System.Globalization;
using System.Text;

namespace Cartography.EngravingPlates;

public sealed record PlateCell(int Row, int Column, string SheetName, double NorthEdge, double WestEdge, int Scale);

/// <summary>
/// Builds the marginal labels engraved along the edges of copper map plates.
/// Called by the plate layout service for every cell it renders; the layout
/// service renders sheets in parallel.
/// </summary>
public static class PlateLabelFormatter
{
    private static readonly StringBuilder Scratch = new(128);

    public static string MarginLabel(PlateCell cell)
    {
        Scratch.Clear();
        Scratch.Append(cell.SheetName.ToUpperInvariant());
        Scratch.Append(" \u2014 ");
        AppendDegrees(Scratch, cell.NorthEdge, 'N', 'S');
        Scratch.Append(' ');
        AppendDegrees(Scratch, cell.WestEdge, 'E', 'W');
        Scratch.Append(" \u2014 1:");
        Scratch.Append(cell.Scale.ToString("N0", CultureInfo.InvariantCulture));
        return Scratch.ToString();
    }

    private static void AppendDegrees(StringBuilder sb, double value, char positive, char negative)
    {
        var abs = Math.Abs(value);
        int degrees = (int)abs;
        double minutesFull = (abs - degrees) * 60;
        int minutes = (int)minutesFull;
        int seconds = (int)Math.Round((minutesFull - minutes) * 60);
        if (seconds == 60) { seconds = 0; minutes++; }
        if (minutes == 60) { minutes = 0; degrees++; }

        sb.Append(degrees.ToString(CultureInfo.InvariantCulture)).Append('\u00B0')
          .Append(minutes.ToString("00", CultureInfo.InvariantCulture)).Append('\'')
          .Append(seconds.ToString("00", CultureInfo.InvariantCulture)).Append('"')
          .Append(value >= 0 ? positive : negative);
    }
}

public sealed class PlateLayoutService
{
    private readonly int _maxParallelSheets;

    public PlateLayoutService(int maxParallelSheets = 4) => _maxParallelSheets = maxParallelSheets;

    public IReadOnlyDictionary<(int, int), string> LayoutSheet(IReadOnlyList<PlateCell> cells)
    {
        var labels = new Dictionary<(int, int), string>(cells.Count);
        foreach (var cell in cells)
        {
            labels[(cell.Row, cell.Column)] = PlateLabelFormatter.MarginLabel(cell);
        }
        return labels;
    }

    public IReadOnlyList<IReadOnlyDictionary<(int, int), string>> LayoutAtlas(IReadOnlyList<IReadOnlyList<PlateCell>> sheets)
    {
        var results = new IReadOnlyDictionary<(int, int), string>[sheets.Count];
        Parallel.For(0, sheets.Count,
            new ParallelOptions { MaxDegreeOfParallelism = _maxParallelSheets },
            i => results[i] = LayoutSheet(sheets[i]));
        return results;
    }
}
