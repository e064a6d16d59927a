using System.Globalization;
using System.Text;

namespace GlacierWatch.Export;

public sealed record StakeReading(string StakeId, DateTimeOffset TakenAt, double SurfaceHeightMetres, double MeltSinceLastMm, double AirTempC);

/// <summary>
/// Writes the season's stake readings to the CSV format expected by the national glacier
/// inventory. Formatting is parallel across stakes.
/// </summary>
public static class InventoryCsvExporter
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static string Export(IReadOnlyList<IReadOnlyList<StakeReading>> readingsByStake)
    {
        var blocks = new string[readingsByStake.Count];

        Parallel.For(0, readingsByStake.Count, i =>
        {
            blocks[i] = FormatStake(readingsByStake[i]);
        });

        var output = new StringBuilder();
        output.AppendLine("stake_id,timestamp_utc,surface_m,melt_mm,air_temp_c");
        foreach (var block in blocks)
            output.Append(block);
        return output.ToString();
    }

    private static string FormatStake(IReadOnlyList<StakeReading> readings)
    {
        var sb = t_builder ??= new StringBuilder(4096);
        sb.Clear();

        foreach (var r in readings.OrderBy(r => r.TakenAt))
        {
            sb.Append(r.StakeId).Append(',')
              .Append(r.TakenAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append(',')
              .Append(r.SurfaceHeightMetres.ToString("F3", CultureInfo.InvariantCulture)).Append(',')
              .Append(r.MeltSinceLastMm.ToString("F1", CultureInfo.InvariantCulture)).Append(',')
              .Append(r.AirTempC.ToString("F1", CultureInfo.InvariantCulture))
              .AppendLine();
        }

        string text = sb.ToString();
        if (sb.Capacity > 1 << 20)
            t_builder = null; // don't keep huge buffers alive on pool threads
        return text;
    }

    public static double TotalMeltMm(IEnumerable<StakeReading> readings) =>
        readings.Sum(r => Math.Max(0, r.MeltSinceLastMm));
}
