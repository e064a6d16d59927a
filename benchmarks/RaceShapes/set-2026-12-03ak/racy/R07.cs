namespace Blind37.MapleSyrup.Yield;

public readonly record struct TapReading(string Grove, int TapNumber, double SapLitres, double SugarBrix);

public sealed record GroveSummary(string Grove, double SapLitres, double ExpectedSyrupLitres);

/// <summary>
/// Turns the day's tap readings from the sugarbush into per-grove totals for the
/// evaporator crew. The reading files can run to a few hundred thousand rows at the
/// peak of the run, so the totals are computed in parallel.
/// </summary>
public sealed class SapYieldAggregator
{
    public IReadOnlyDictionary<string, double> SapByGrove(IEnumerable<TapReading> readings)
    {
        var totals = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);

        Parallel.ForEach(
            readings,
            () => new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase),
            (reading, _, local) =>
            {
                local[reading.Grove] = local.GetValueOrDefault(reading.Grove) + reading.SapLitres;
                return local;
            },
            local =>
            {
                foreach (var (grove, litres) in local)
                {
                    totals[grove] = totals.GetValueOrDefault(grove) + litres;
                }
            });

        return totals;
    }

    public IReadOnlyList<GroveSummary> Summarise(IReadOnlyCollection<TapReading> readings)
    {
        var sap = SapByGrove(readings);
        var averageBrix = readings
            .GroupBy(r => r.Grove, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Average(r => r.SugarBrix), StringComparer.OrdinalIgnoreCase);

        return sap
            .Select(pair => new GroveSummary(pair.Key, pair.Value, pair.Value / RuleOfEightySix(averageBrix[pair.Key])))
            .OrderByDescending(s => s.SapLitres)
            .ToArray();
    }

    // Rule of 86: litres of sap needed per litre of syrup at a given sugar content.
    private static double RuleOfEightySix(double brix) => brix <= 0 ? double.PositiveInfinity : 86.0 / brix;
}

/// <summary>Reads the tap logger CSV exports.</summary>
public static class TapReadingFile
{
    public static IEnumerable<TapReading> Read(string path)
    {
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length < 4)
            {
                continue;
            }

            yield return new TapReading(
                parts[0],
                int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
