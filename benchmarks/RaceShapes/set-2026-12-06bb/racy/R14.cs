using System.Globalization;
using System.Text;

namespace Blind54.Florist.DeliveryNotes;

/// <summary>
/// Turns order items into text columns for printed delivery notes. Property accessors are
/// built by reflection the first time a column is requested and then reused for every note.
/// </summary>
public static class NoteColumns<TItem>
{
    private static readonly Dictionary<string, Func<TItem, string>> Accessors = new(StringComparer.Ordinal);

    public static Func<TItem, string> For(string propertyName)
    {
        if (Accessors.TryGetValue(propertyName, out var accessor))
        {
            return accessor;
        }

        var property = typeof(TItem).GetProperty(propertyName)
            ?? throw new ArgumentException($"{typeof(TItem).Name} has no property {propertyName}.");
        accessor = item => Convert.ToString(property.GetValue(item), CultureInfo.InvariantCulture) ?? string.Empty;
        Accessors[propertyName] = accessor;
        return accessor;
    }
}

public sealed record BouquetLine(string Stems, int Quantity, decimal Price);

public sealed record FlowerOrder(string OrderNumber, string Recipient, string Address, IReadOnlyList<BouquetLine> Lines);

/// <summary>Prints the morning delivery notes for all vans in parallel.</summary>
public sealed class DeliveryNotePrinter
{
    private static readonly string[] Columns = { "Stems", "Quantity", "Price" };

    public IReadOnlyDictionary<string, string> PrintAll(IReadOnlyList<FlowerOrder> orders)
    {
        var notes = new string[orders.Count];
        Parallel.For(0, orders.Count, i => notes[i] = Render(orders[i]));

        var result = new Dictionary<string, string>();
        for (var i = 0; i < orders.Count; i++)
        {
            result[orders[i].OrderNumber] = notes[i];
        }

        return result;
    }

    private static string Render(FlowerOrder order)
    {
        var text = new StringBuilder();
        text.AppendLine($"Order {order.OrderNumber} for {order.Recipient}");
        text.AppendLine(order.Address);
        foreach (var line in order.Lines)
        {
            var cells = Columns.Select(c => NoteColumns<BouquetLine>.For(c)(line));
            text.AppendLine(string.Join(" | ", cells));
        }

        return text.ToString();
    }
}
