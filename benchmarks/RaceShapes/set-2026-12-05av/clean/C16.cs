using System.Text;

namespace Blind48.Sushi.Conveyor;

public sealed record PlateCount(string Color, int Plates, decimal PricePerPlate);

public interface IReceiptPrinter
{
    Task PrintAsync(string receipt, CancellationToken ct);
}

/// <summary>
/// Builds the bill for a conveyor-belt seat from the plates stacked there.
/// Registered as a singleton; every seat's checkout button calls
/// <see cref="PrintBillAsync"/>, often several at once.
/// </summary>
public sealed class ConveyorBillPrinter
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    private readonly IReceiptPrinter _printer;

    public ConveyorBillPrinter(IReceiptPrinter printer) => _printer = printer;

    public async Task<decimal> PrintBillAsync(int seat, IReadOnlyList<PlateCount> plates, CancellationToken ct)
    {
        var (receipt, total) = Format(seat, plates);
        await _printer.PrintAsync(receipt, ct).ConfigureAwait(false);
        return total;
    }

    private static (string Receipt, decimal Total) Format(int seat, IReadOnlyList<PlateCount> plates)
    {
        var sb = t_builder ??= new StringBuilder(512);
        sb.Clear();

        sb.Append("SEAT ").AppendLine(seat.ToString());
        var total = 0m;
        foreach (var p in plates)
        {
            var line = p.Plates * p.PricePerPlate;
            total += line;
            sb.Append(p.Color.PadRight(10)).Append(p.Plates.ToString().PadLeft(3)).Append("  ").AppendLine(line.ToString("F2"));
        }

        sb.Append("TOTAL".PadRight(15)).AppendLine(total.ToString("F2"));
        var receipt = sb.ToString();
        if (sb.Capacity > 4096)
        {
            t_builder = null;
        }

        return (receipt, total);
    }
}
