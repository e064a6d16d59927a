namespace BloodBank.CrossMatch;

public sealed record DonorUnit(string UnitId, string AboGroup, string RhD, int VolumeMl);

/// <summary>Computes compatible stock for a recipient across all storage fridges.</summary>
public static class CompatibleStockCalculator
{
    private static readonly Dictionary<string, string[]> CompatibleDonors = new()
    {
        ["O"] = new[] { "O" },
        ["A"] = new[] { "A", "O" },
        ["B"] = new[] { "B", "O" },
        ["AB"] = new[] { "AB", "A", "B", "O" },
    };

    public static (long VolumeMl, int Units) Compute(IReadOnlyList<DonorUnit> stock, string recipientAbo, bool recipientRhPositive)
    {
        var allowed = CompatibleDonors[recipientAbo];
        long totalVolume = 0;
        int totalUnits = 0;

        Parallel.ForEach(
            stock,
            () => (Volume: 0L, Units: 0),
            (unit, _, local) =>
            {
                if (Array.IndexOf(allowed, unit.AboGroup) < 0)
                    return local;
                if (!recipientRhPositive && unit.RhD == "+")
                    return local;
                return (local.Volume + unit.VolumeMl, local.Units + 1);
            },
            local =>
            {
                Interlocked.Add(ref totalVolume, local.Volume);
                Interlocked.Add(ref totalUnits, local.Units);
            });

        return (totalVolume, totalUnits);
    }
}

public static class CompatibleStockFormatter
{
    public static string Describe(string recipientAbo, bool rhPositive, (long VolumeMl, int Units) result)
    {
        var rh = rhPositive ? "+" : "-";
        var litres = result.VolumeMl / 1000.0;
        return result.Units == 0
            ? $"No compatible units for {recipientAbo}{rh}"
            : $"{result.Units} compatible units for {recipientAbo}{rh} ({litres:F2} L)";
    }
}
