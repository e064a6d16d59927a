using System.Collections.Generic;
using System.Globalization;

namespace Blind47.SilkFarms.Mulberry;

public sealed record MulberryVariety(string Code, string Name, double LeafYieldTonnesPerHa, int PruningIntervalDays);

/// <summary>
/// Mulberry variety table used by the leaf-harvest planner. Loaded on first use
/// and then read by parallel planning jobs.
/// </summary>
public static class MulberryVarieties
{
    private static Dictionary<string, MulberryVariety>? s_varieties;
    private static readonly Lazy<IReadOnlyList<string>> s_codes = new(() => Load().Keys.OrderBy(k => k).ToArray());

    public static MulberryVariety Get(string code)
    {
        var table = Load();
        return table.TryGetValue(code, out var v) ? v : throw new KeyNotFoundException(code);
    }

    public static IReadOnlyList<string> Codes => s_codes.Value;

    private static Dictionary<string, MulberryVariety> Load()
    {
        return LazyInitializer.EnsureInitialized(ref s_varieties, () =>
        {
            var table = new Dictionary<string, MulberryVariety>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in Rows())
            {
                var cells = row.Split(',');
                var variety = new MulberryVariety(
                    cells[0],
                    cells[1],
                    double.Parse(cells[2], CultureInfo.InvariantCulture),
                    int.Parse(cells[3], CultureInfo.InvariantCulture));
                table[variety.Code] = variety;
            }

            return table;
        });
    }

    private static IEnumerable<string> Rows()
    {
        yield return "V1,Victory 1,60,70";
        yield return "S36,S36,45,65";
        yield return "K2,Kanva 2,35,75";
        yield return "G4,G4,65,70";
    }
}

public static class LeafHarvestPlanner
{
    public static IReadOnlyList<string> Plan(IReadOnlyList<(string Plot, string Variety, double Hectares, DateOnly Pruned)> plots)
    {
        return plots
            .AsParallel()
            .AsOrdered()
            .Select(p =>
            {
                var variety = MulberryVarieties.Get(p.Variety);
                var harvest = p.Pruned.AddDays(variety.PruningIntervalDays);
                var tonnes = variety.LeafYieldTonnesPerHa * p.Hectares / (365.0 / variety.PruningIntervalDays);
                return $"{p.Plot}: {variety.Name}, harvest {harvest:d}, ~{tonnes:F1} t leaf";
            })
            .ToList();
    }
}
