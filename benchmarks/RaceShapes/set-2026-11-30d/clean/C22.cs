using System.Globalization;
using System.Text;

namespace Blind4.Clean.Reporting.Export;

public sealed record OrderRow(string OrderNumber, string Customer, DateTime PlacedUtc, decimal Total, string Currency);

public sealed record ExportResult(string Csv, int Rows, decimal GrandTotal, IReadOnlyDictionary<string, decimal> TotalsByCurrency);

/// <summary>
/// Builds the CSV behind the "Export orders" button. Formatting tens of thousands of rows is
/// CPU-bound, so the controller offloads it to the thread pool and awaits the result.
/// </summary>
public sealed class OrderCsvExporter
{
    private sealed class ExportState
    {
        public readonly StringBuilder Output = new(64 * 1024);
        public readonly Dictionary<string, decimal> TotalsByCurrency = new(StringComparer.OrdinalIgnoreCase);
        public int Rows;
        public decimal GrandTotal;
        public string? LastCustomer;
    }

    private readonly char _separator;

    public OrderCsvExporter(char separator = ',')
    {
        _separator = separator;
    }

    public Task<ExportResult> ExportAsync(IReadOnlyList<OrderRow> orders, CancellationToken cancellationToken)
    {
        return Task.Run(() =>
        {
            var state = new ExportState();
            state.Output.Append("order").Append(_separator).Append("customer").Append(_separator)
                .Append("placed").Append(_separator).Append("total").Append(_separator).AppendLine("currency");

            foreach (var order in orders.OrderBy(o => o.Customer).ThenBy(o => o.PlacedUtc))
            {
                cancellationToken.ThrowIfCancellationRequested();
                AppendRow(state, order);
            }

            return new ExportResult(state.Output.ToString(), state.Rows, state.GrandTotal, state.TotalsByCurrency);
        }, cancellationToken);
    }

    private void AppendRow(ExportState state, OrderRow order)
    {
        // Blank the customer column for consecutive rows of the same customer.
        var customer = order.Customer == state.LastCustomer ? string.Empty : Escape(order.Customer);
        state.LastCustomer = order.Customer;

        state.Output.Append(Escape(order.OrderNumber)).Append(_separator)
            .Append(customer).Append(_separator)
            .Append(order.PlacedUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(_separator)
            .Append(order.Total.ToString("0.00", CultureInfo.InvariantCulture)).Append(_separator)
            .AppendLine(order.Currency);

        state.Rows++;
        state.GrandTotal += order.Total;
        state.TotalsByCurrency[order.Currency] = state.TotalsByCurrency.GetValueOrDefault(order.Currency) + order.Total;
    }

    private string Escape(string value)
    {
        if (value.IndexOfAny(new[] { _separator, '"', '\n', '\r' }) < 0)
        {
            return value;
        }
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
