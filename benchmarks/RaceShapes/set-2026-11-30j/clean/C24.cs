using System.Globalization;
using System.Text;

namespace Blind10.Reporting.Csv;

public sealed record OrderLine(string OrderNumber, string Customer, string Region, decimal Amount, DateOnly Date);

/// <summary>
/// Builds the monthly sales CSV files off the request thread.
/// </summary>
public sealed class SalesCsvExporter
{
    public Task<string> BuildAsync(IReadOnlyList<OrderLine> orders, CancellationToken ct) =>
        Task.Run(() =>
        {
            var csv = new StringBuilder();
            var totalsByRegion = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);

            csv.AppendLine("order,customer,region,amount,date");
            foreach (var order in orders)
            {
                ct.ThrowIfCancellationRequested();
                csv.Append(order.OrderNumber).Append(',')
                   .Append(Escape(order.Customer)).Append(',')
                   .Append(order.Region).Append(',')
                   .Append(order.Amount.ToString(CultureInfo.InvariantCulture)).Append(',')
                   .AppendLine(order.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

                totalsByRegion[order.Region] = totalsByRegion.GetValueOrDefault(order.Region) + order.Amount;
            }

            csv.AppendLine();
            foreach (var (region, total) in totalsByRegion.OrderBy(p => p.Key))
            {
                csv.Append("total,,").Append(region).Append(',')
                   .AppendLine(total.ToString(CultureInfo.InvariantCulture));
            }
            return csv.ToString();
        }, ct);

    public async Task ExportMonthsAsync(IReadOnlyList<OrderLine> orders, string outputDirectory, CancellationToken ct)
    {
        var months = orders.GroupBy(o => new { o.Date.Year, o.Date.Month }).ToList();
        var exports = months.Select(async month =>
        {
            var text = await BuildAsync(month.ToList(), ct).ConfigureAwait(false);
            var fileName = Path.Combine(outputDirectory, $"sales-{month.Key.Year}-{month.Key.Month:D2}.csv");
            await File.WriteAllTextAsync(fileName, text, ct).ConfigureAwait(false);
        });
        await Task.WhenAll(exports).ConfigureAwait(false);
    }

    private static string Escape(string value) =>
        value.Contains(',') || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
