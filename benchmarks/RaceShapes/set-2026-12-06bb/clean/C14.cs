using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace Blind54.Florist.Invoices;

/// <summary>
/// Column accessors for invoice lines, built once per line type. The property list is
/// computed by the type initializer; individual accessors are cached on first use.
/// </summary>
public static class InvoiceColumns<TLine>
{
    public static readonly IReadOnlyList<PropertyInfo> Printable = typeof(TLine)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
        .OrderBy(p => p.MetadataToken)
        .ToArray();

    private static readonly ConcurrentDictionary<string, Func<TLine, string>> Accessors = new(StringComparer.Ordinal);

    public static Func<TLine, string> For(string propertyName) =>
        Accessors.GetOrAdd(propertyName, static name =>
        {
            var property = typeof(TLine).GetProperty(name)
                ?? throw new ArgumentException($"{typeof(TLine).Name} has no property {name}.");
            return line => Convert.ToString(property.GetValue(line), CultureInfo.InvariantCulture) ?? string.Empty;
        });
}

public sealed record WeddingLine(string Arrangement, int Count, decimal UnitPrice);

public sealed record WeddingOrder(string Couple, DateOnly Date, IReadOnlyList<WeddingLine> Lines);

/// <summary>Renders invoices for all wedding orders of the season in parallel.</summary>
public sealed class WeddingInvoiceRenderer
{
    public string[] RenderAll(IReadOnlyList<WeddingOrder> orders) =>
        orders.AsParallel().AsOrdered().Select(Render).ToArray();

    private static string Render(WeddingOrder order)
    {
        var header = string.Join(" | ", InvoiceColumns<WeddingLine>.Printable.Select(p => p.Name));
        var rows = order.Lines.Select(line =>
            string.Join(" | ", InvoiceColumns<WeddingLine>.Printable.Select(p => InvoiceColumns<WeddingLine>.For(p.Name)(line))));
        var total = order.Lines.Sum(l => l.Count * l.UnitPrice);
        return $"{order.Couple} — {order.Date:yyyy-MM-dd}\n{header}\n{string.Join("\n", rows)}\nTotal: {total:0.00}";
    }

    /// <summary>Writes each invoice to its own file in the season folder.</summary>
    public async Task SaveAllAsync(IReadOnlyList<WeddingOrder> orders, string folder, CancellationToken ct)
    {
        var texts = RenderAll(orders);
        await Parallel.ForEachAsync(Enumerable.Range(0, orders.Count), ct, async (i, token) =>
        {
            var name = $"{orders[i].Date:yyyyMMdd}-{orders[i].Couple.Replace(' ', '_')}.txt";
            await File.WriteAllTextAsync(Path.Combine(folder, name), texts[i], token);
        });
    }
}
