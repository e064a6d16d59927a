using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Blind43.Sundials.HourLines;

public sealed record DialOrder(string OrderNumber, string Customer, double LatitudeDeg, double LongitudeDeg, double DeclinationDeg);

/// <summary>
/// Produces the hour-line table a sundial maker engraves from: the angle of each hour line
/// on a horizontal dial for the customer's latitude. Orders are processed in parallel.
/// </summary>
public static class HourLineTable
{
    private static readonly ThreadLocal<StringBuilder> Builder = new(() => new StringBuilder(1024));

    public static string Render(DialOrder order)
    {
        var sb = Builder.Value!;
        sb.Clear();
        sb.Append("Order ").Append(order.OrderNumber).Append(" for ").AppendLine(order.Customer);
        sb.Append("Latitude ").AppendLine(order.LatitudeDeg.ToString("0.000", CultureInfo.InvariantCulture));

        var sinLat = Math.Sin(order.LatitudeDeg * Math.PI / 180);
        for (var hour = 6; hour <= 18; hour++)
        {
            var hourAngle = (hour - 12) * 15.0 * Math.PI / 180;
            var lineAngle = Math.Atan(sinLat * Math.Tan(hourAngle)) * 180 / Math.PI;
            if (hour == 6 || hour == 18)
            {
                lineAngle = hour < 12 ? -90 : 90;
            }

            sb.Append(hour.ToString("00", CultureInfo.InvariantCulture))
              .Append(":00  ")
              .AppendLine(lineAngle.ToString("+0.00;-0.00", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}

/// <summary>Workshop batch job: renders engraving sheets for the week's orders.</summary>
public sealed class EngravingSheetBatch
{
    private readonly string _outputFolder;

    public EngravingSheetBatch(string outputFolder) => _outputFolder = outputFolder;

    public IReadOnlyDictionary<string, string> Render(IEnumerable<DialOrder> orders)
    {
        var sheets = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        Parallel.ForEach(orders, new ParallelOptions { MaxDegreeOfParallelism = 4 }, order =>
        {
            sheets[order.OrderNumber] = HourLineTable.Render(order);
        });

        return sheets;
    }

    public async Task WriteAsync(IReadOnlyDictionary<string, string> sheets, CancellationToken ct)
    {
        Directory.CreateDirectory(_outputFolder);
        await Parallel.ForEachAsync(sheets, ct, async (sheet, token) =>
        {
            var path = Path.Combine(_outputFolder, sheet.Key + ".txt");
            await File.WriteAllTextAsync(path, sheet.Value, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
