using System.Text;

namespace Blind2.R12;

/// <summary>
/// Pool of <see cref="StringBuilder"/> instances, shared process-wide through
/// <see cref="Shared"/>. Rent and Return can be called from any thread.
/// </summary>
public sealed class StringBuilderPool
{
    private const int MaxRetainedCapacity = 16 * 1024;

    public static StringBuilderPool Shared { get; } = new(Environment.ProcessorCount * 2);

    private readonly StringBuilder?[] _items;
    private StringBuilder? _firstItem;

    public StringBuilderPool(int size) => _items = new StringBuilder?[Math.Max(1, size - 1)];

    public StringBuilder Rent()
    {
        var item = Volatile.Read(ref _firstItem);
        if (item != null && Interlocked.CompareExchange(ref _firstItem, null, item) == item)
            return item;

        var items = _items;
        for (int i = 0; i < items.Length; i++)
        {
            item = items[i];
            if (item != null)
            {
                items[i] = null;
                return item;
            }
        }

        return new StringBuilder(256);
    }

    public void Return(StringBuilder builder)
    {
        if (builder.Capacity > MaxRetainedCapacity)
            return;

        builder.Clear();

        if (Volatile.Read(ref _firstItem) == null && Interlocked.CompareExchange(ref _firstItem, builder, null) == null)
            return;

        var items = _items;
        for (int i = 0; i < items.Length; i++)
        {
            if (Interlocked.CompareExchange(ref items[i], builder, null) == null)
                return;
        }
    }
}

public sealed record InvoiceLine(string Description, int Quantity, decimal UnitPrice);

public sealed record Invoice(string Number, string Customer, IReadOnlyList<InvoiceLine> Lines);

public static class InvoiceRenderer
{
    public static string[] RenderAll(IReadOnlyList<Invoice> invoices)
    {
        var output = new string[invoices.Count];
        Parallel.For(0, invoices.Count, i => output[i] = Render(invoices[i]));
        return output;
    }

    private static string Render(Invoice invoice)
    {
        var sb = StringBuilderPool.Shared.Rent();
        try
        {
            sb.Append("Invoice ").Append(invoice.Number).Append(" for ").AppendLine(invoice.Customer);
            decimal total = 0;
            foreach (var line in invoice.Lines)
            {
                var amount = line.Quantity * line.UnitPrice;
                total += amount;
                sb.Append("  ").Append(line.Description.PadRight(40))
                  .Append(line.Quantity.ToString().PadLeft(5))
                  .Append(amount.ToString("N2").PadLeft(12)).AppendLine();
            }
            sb.Append("Total: ").AppendLine(total.ToString("N2"));
            return sb.ToString();
        }
        finally
        {
            StringBuilderPool.Shared.Return(sb);
        }
    }
}
