using System.Text;

namespace Blind48.Sushi.Kitchen;

public sealed record OrderLine(string Item, int Quantity, string? Request);

public sealed record KitchenOrder(int TicketNumber, string Table, IReadOnlyList<OrderLine> Lines);

public interface IAllergyNotes
{
    Task<string?> GetNotesAsync(string table, CancellationToken ct);
}

/// <summary>
/// Formats kitchen tickets for the sushi bar's printer. Registered as a
/// singleton; the POS terminals and the online ordering endpoint call
/// <see cref="FormatAsync"/> concurrently.
/// </summary>
public sealed class KitchenTicketFormatter
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    private readonly IAllergyNotes _allergies;

    public KitchenTicketFormatter(IAllergyNotes allergies) => _allergies = allergies;

    public async Task<string> FormatAsync(KitchenOrder order, CancellationToken ct)
    {
        var sb = t_builder ??= new StringBuilder(512);
        sb.Clear();

        sb.Append("#").Append(order.TicketNumber).Append("  TABLE ").AppendLine(order.Table);
        sb.AppendLine(new string('-', 32));
        foreach (var line in order.Lines)
        {
            sb.Append(line.Quantity).Append(" x ").AppendLine(line.Item);
            if (!string.IsNullOrWhiteSpace(line.Request))
            {
                sb.Append("    > ").AppendLine(line.Request);
            }
        }

        var notes = await _allergies.GetNotesAsync(order.Table, ct).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(notes))
        {
            sb.AppendLine(new string('*', 32));
            sb.Append("ALLERGY: ").AppendLine(notes);
        }

        sb.AppendLine(new string('-', 32));
        return sb.ToString();
    }
}

/// <summary>
/// Sends each new order to the bar printer as it arrives.
/// </summary>
public sealed class TicketPrinterRelay
{
    private readonly KitchenTicketFormatter _formatter;
    private readonly Func<string, Task> _print;

    public TicketPrinterRelay(KitchenTicketFormatter formatter, Func<string, Task> print)
    {
        _formatter = formatter;
        _print = print;
    }

    public Task RelayAsync(IEnumerable<KitchenOrder> burst, CancellationToken ct) =>
        Task.WhenAll(burst.Select(async order =>
        {
            var text = await _formatter.FormatAsync(order, ct);
            await _print(text);
        }));
}
