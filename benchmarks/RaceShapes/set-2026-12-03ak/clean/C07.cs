namespace Blind37.MapleSyrup.Grading;

public readonly record struct SyrupBatch(string BatchId, string Evaporator, double Litres, double LightTransmittance);

/// <summary>
/// Grades the season's syrup batches by colour class (Golden, Amber, Dark, Very Dark)
/// and totals litres per evaporator and class. Used by the camp's end-of-season report.
/// </summary>
public sealed class SyrupGradeTally
{
    public static string ColourClass(double transmittance) => transmittance switch
    {
        >= 75 => "Golden",
        >= 50 => "Amber",
        >= 25 => "Dark",
        _ => "Very Dark",
    };

    public IReadOnlyDictionary<(string Evaporator, string Grade), double> Tally(IEnumerable<SyrupBatch> batches)
    {
        var totals = new Dictionary<(string, string), double>();
        var merge = new object();

        Parallel.ForEach(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new Dictionary<(string, string), double>(),
            (batch, _, local) =>
            {
                var key = (batch.Evaporator, ColourClass(batch.LightTransmittance));
                local[key] = local.GetValueOrDefault(key) + batch.Litres;
                return local;
            },
            local =>
            {
                lock (merge)
                {
                    foreach (var (key, litres) in local)
                    {
                        totals[key] = totals.GetValueOrDefault(key) + litres;
                    }
                }
            });

        return totals;
    }

    public double TotalLitres(IReadOnlyList<SyrupBatch> batches)
    {
        double total = 0;
        var merge = new object();
        Parallel.For(0, batches.Count, () => 0.0, (i, _, subtotal) => subtotal + batches[i].Litres, subtotal =>
        {
            lock (merge)
            {
                total += subtotal;
            }
        });
        return total;
    }

    public string Report(IReadOnlyList<SyrupBatch> batches)
    {
        var tally = Tally(batches);
        var lines = tally
            .OrderBy(p => p.Key.Evaporator)
            .ThenBy(p => p.Key.Grade)
            .Select(p => $"{p.Key.Evaporator,-12} {p.Key.Grade,-10} {p.Value,8:F1} l");
        return string.Join(Environment.NewLine, lines.Append($"Total {TotalLitres(batches):F1} l"));
    }
}
