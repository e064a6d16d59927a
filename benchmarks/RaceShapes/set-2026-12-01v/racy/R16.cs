using System.Globalization;
using System.Text;

namespace Blind22.CoffeeRoasting.Profiles;

public sealed record RoastPoint(TimeSpan Elapsed, double BeanTempC, double RateOfRise);

public sealed record RoastBatch(string BatchId, string Origin, double GreenWeightKg, IReadOnlyList<RoastPoint> Curve);

/// <summary>
/// Formats roast curves for export to the roastery's cupping software. The formatter is
/// a static helper used by every roaster's logging task and by the export endpoint.
/// </summary>
public static class RoastCurveFormatter
{
    private static readonly StringBuilder Buffer = new(4096);

    public static string ToCsv(RoastBatch batch)
    {
        Buffer.Clear();
        Buffer.Append("batch,origin,seconds,bean_c,ror\n");
        foreach (var point in batch.Curve)
        {
            Buffer.Append(batch.BatchId).Append(',')
                  .Append(batch.Origin).Append(',')
                  .Append(((int)point.Elapsed.TotalSeconds).ToString(CultureInfo.InvariantCulture)).Append(',')
                  .Append(point.BeanTempC.ToString("F1", CultureInfo.InvariantCulture)).Append(',')
                  .Append(point.RateOfRise.ToString("F2", CultureInfo.InvariantCulture)).Append('\n');
        }
        return Buffer.ToString();
    }

    public static TimeSpan? FirstCrack(RoastBatch batch)
    {
        // The rate of rise dips sharply at first crack; take the first dip below 60 % of the prior point.
        for (var i = 1; i < batch.Curve.Count; i++)
        {
            if (batch.Curve[i].RateOfRise < batch.Curve[i - 1].RateOfRise * 0.6 && batch.Curve[i].BeanTempC > 190)
            {
                return batch.Curve[i].Elapsed;
            }
        }
        return null;
    }
}

/// <summary>
/// Exports the day's finished batches from all roasters in parallel.
/// </summary>
public sealed class DailyRoastExporter
{
    private readonly string _folder;

    public DailyRoastExporter(string folder) => _folder = folder;

    public async Task ExportAsync(IEnumerable<RoastBatch> batches, CancellationToken ct)
    {
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (batch, token) =>
            {
                var csv = RoastCurveFormatter.ToCsv(batch);
                var path = Path.Combine(_folder, $"{batch.BatchId}.csv");
                await File.WriteAllTextAsync(path, csv, token).ConfigureAwait(false);
            });
    }
}
