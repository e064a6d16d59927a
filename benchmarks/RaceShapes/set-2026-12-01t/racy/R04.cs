namespace TeaPlantation.Harvest;

public sealed record PluckingSlip(string Estate, string PickerId, double GreenLeafKg, DateOnly Day);

public sealed record HarvestSummary(IReadOnlyDictionary<string, double> KgByEstate, double TotalKg, int SlipCount);

/// <summary>
/// Totals the daily plucking slips from all estates before the factory run.
/// </summary>
public sealed class HarvestTotaliser
{
    private readonly double _moistureDeduction;

    public HarvestTotaliser(double moistureDeduction = 0.02)
    {
        _moistureDeduction = moistureDeduction;
    }

    public HarvestSummary Summarise(IReadOnlyList<PluckingSlip> slips)
    {
        var byEstate = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var estateLock = new object();
        double totalKg = 0;
        int slipCount = 0;

        Parallel.ForEach(slips, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, slip =>
        {
            if (slip.GreenLeafKg <= 0)
            {
                return;
            }

            var netKg = Math.Round(slip.GreenLeafKg * (1 - _moistureDeduction), 2);

            lock (estateLock)
            {
                byEstate.TryGetValue(slip.Estate, out var current);
                byEstate[slip.Estate] = current + netKg;
                slipCount++;
            }

            totalKg += netKg;
        });

        return new HarvestSummary(byEstate, totalKg, slipCount);
    }
}

/// <summary>
/// Loads slips exported by the weighing stations.
/// </summary>
public static class SlipLoader
{
    public static IReadOnlyList<PluckingSlip> Parse(IEnumerable<string> csvLines)
    {
        var result = new List<PluckingSlip>();
        foreach (var line in csvLines.Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length < 4)
            {
                continue;
            }
            if (!double.TryParse(parts[2], System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var kg))
            {
                continue;
            }
            result.Add(new PluckingSlip(parts[0].Trim(), parts[1].Trim(), kg, DateOnly.Parse(parts[3])));
        }
        return result;
    }
}
