using System.Globalization;
using System.Text;

namespace Blind27.TeaPlantations.Grading;

public enum LeafGrade
{
    Dust,
    Fannings,
    BrokenOrangePekoe,
    OrangePekoe,
    FlowerySuperiorOrangePekoe,
}

public sealed record TeaLot(string Estate, int LotNumber, LeafGrade Grade, double MoisturePercent, DateOnly Plucked);

/// <summary>
/// Builds the short labels printed on tea chests at the grading shed. The builder is
/// reused between calls to keep the label printer path allocation-light.
/// </summary>
public static class ChestLabelFormatter
{
    private static readonly StringBuilder s_label = new(96);

    private static readonly Dictionary<LeafGrade, string> s_gradeCodes = new()
    {
        [LeafGrade.Dust] = "D",
        [LeafGrade.Fannings] = "F",
        [LeafGrade.BrokenOrangePekoe] = "BOP",
        [LeafGrade.OrangePekoe] = "OP",
        [LeafGrade.FlowerySuperiorOrangePekoe] = "FOP",
    };

    public static string Format(TeaLot lot)
    {
        s_label.Clear();
        s_label.Append(lot.Estate.ToUpperInvariant());
        s_label.Append(" / LOT ");
        s_label.Append(lot.LotNumber.ToString("D4", CultureInfo.InvariantCulture));
        s_label.Append(" / ");
        s_label.Append(s_gradeCodes[lot.Grade]);
        s_label.Append(" / ");
        s_label.Append(lot.MoisturePercent.ToString("F1", CultureInfo.InvariantCulture));
        s_label.Append("% / ");
        s_label.Append(lot.Plucked.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return s_label.ToString();
    }
}

/// <summary>Prepares the chest labels for an auction catalogue.</summary>
public sealed class AuctionCataloguePreparer
{
    private readonly int _degreeOfParallelism;

    public AuctionCataloguePreparer(int degreeOfParallelism = 4)
    {
        _degreeOfParallelism = degreeOfParallelism;
    }

    public IReadOnlyList<string> PrepareLabels(IEnumerable<TeaLot> lots)
    {
        return lots
            .Where(l => l.MoisturePercent < 7.0)
            .AsParallel()
            .AsOrdered()
            .WithDegreeOfParallelism(_degreeOfParallelism)
            .Select(ChestLabelFormatter.Format)
            .ToList();
    }
}
