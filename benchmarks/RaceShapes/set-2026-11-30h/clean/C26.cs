using System.Globalization;
using System.Text;

namespace Blind8.Reporting.Invoices;

public sealed record InvoiceLine(string Sku, string Description, int Quantity, decimal UnitPrice);

public sealed record TenantInvoiceData(string TenantId, string TenantName, IReadOnlyList<InvoiceLine> Lines);

public sealed record RenderedInvoice(string TenantId, string Csv, decimal Total);

/// <summary>
/// Monthly job that renders one CSV invoice per tenant. Tenants are rendered
/// concurrently; each render works on its own builder and line list.
/// </summary>
public sealed class MonthlyInvoiceRenderer
{
    private readonly string _currencySymbol;
    private readonly decimal _taxRate;
    private readonly CultureInfo _culture;

    public MonthlyInvoiceRenderer(string currencySymbol, decimal taxRate, CultureInfo? culture = null)
    {
        _currencySymbol = currencySymbol;
        _taxRate = taxRate;
        _culture = culture ?? CultureInfo.InvariantCulture;
    }

    public async Task<IReadOnlyList<RenderedInvoice>> RenderAllAsync(IEnumerable<TenantInvoiceData> tenants, CancellationToken ct)
    {
        var jobs = tenants.Select(t => Task.Run(() => Render(t), ct)).ToList();
        var rendered = await Task.WhenAll(jobs).ConfigureAwait(false);
        return rendered.OrderBy(r => r.TenantId, StringComparer.Ordinal).ToList();
    }

    private RenderedInvoice Render(TenantInvoiceData tenant)
    {
        var csv = new StringBuilder();
        var grouped = new Dictionary<string, (string Description, int Quantity, decimal UnitPrice)>(StringComparer.Ordinal);

        foreach (var line in tenant.Lines)
        {
            grouped[line.Sku] = grouped.TryGetValue(line.Sku, out var existing)
                ? (existing.Description, existing.Quantity + line.Quantity, existing.UnitPrice)
                : (line.Description, line.Quantity, line.UnitPrice);
        }

        csv.AppendLine("sku,description,quantity,unit_price,amount");
        decimal subtotal = 0;
        foreach (var (sku, item) in grouped.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var amount = item.Quantity * item.UnitPrice;
            subtotal += amount;
            csv.Append(sku).Append(',')
               .Append(Escape(item.Description)).Append(',')
               .Append(item.Quantity.ToString(_culture)).Append(',')
               .Append(Money(item.UnitPrice)).Append(',')
               .AppendLine(Money(amount));
        }

        var tax = Math.Round(subtotal * _taxRate, 2, MidpointRounding.AwayFromZero);
        csv.AppendLine($",,,subtotal,{Money(subtotal)}");
        csv.AppendLine($",,,tax,{Money(tax)}");
        csv.AppendLine($",,,total,{Money(subtotal + tax)}");

        return new RenderedInvoice(tenant.TenantId, csv.ToString(), subtotal + tax);
    }

    private string Money(decimal value) => _currencySymbol + value.ToString("0.00", _culture);

    private static string Escape(string text) =>
        text.Contains(',') || text.Contains('"') ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
