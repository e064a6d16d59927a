using System.Text;

namespace Blind35.AccordionRepair.Tickets;

public sealed record ReedTest(string Reed, double MeasuredHz, double TargetHz);

public interface IReedTester
{
    Task<IReadOnlyList<ReedTest>> TestBankAsync(string instrumentId, string bank, CancellationToken ct);
}

public interface IPartsCatalog
{
    Task<decimal> ReedPriceAsync(string reed, CancellationToken ct);
}

/// <summary>Builds the text of a repair ticket line by line. Not shared; one per ticket.</summary>
public sealed class RepairTicketBuilder
{
    private readonly StringBuilder _text = new();
    private decimal _total;
    private int _lines;

    public RepairTicketBuilder(string instrumentId) => _text.AppendLine($"Repair ticket for {instrumentId}");

    public void AddLine(string description, decimal price)
    {
        _lines++;
        _total += price;
        _text.Append(_lines).Append(". ").Append(description).Append(" - ").AppendLine(price.ToString("C"));
    }

    public string Build() => _text.AppendLine($"Total: {_total:C}").ToString();
}

/// <summary>
/// Tests each reed bank of an accordion in turn and prices the retuning or replacement.
/// </summary>
public sealed class TuningAssessment
{
    private static readonly string[] Banks = { "treble-L", "treble-M", "treble-H", "bass" };

    private readonly IReedTester _tester;
    private readonly IPartsCatalog _parts;

    public TuningAssessment(IReedTester tester, IPartsCatalog parts)
    {
        _tester = tester;
        _parts = parts;
    }

    public async Task<string> AssessAsync(string instrumentId, CancellationToken ct)
    {
        var ticket = new RepairTicketBuilder(instrumentId);

        foreach (var bank in Banks)
        {
            var results = await _tester.TestBankAsync(instrumentId, bank, ct).ConfigureAwait(false);
            foreach (var reed in results)
            {
                var cents = 1200 * Math.Log2(reed.MeasuredHz / reed.TargetHz);
                if (Math.Abs(cents) > 40)
                {
                    var price = await _parts.ReedPriceAsync(reed.Reed, ct).ConfigureAwait(false);
                    ticket.AddLine($"{bank} {reed.Reed}: replace ({cents:+0;-0} cents)", price);
                }
                else if (Math.Abs(cents) > 3)
                {
                    ticket.AddLine($"{bank} {reed.Reed}: retune ({cents:+0;-0} cents)", 4.50m);
                }
            }
        }

        return ticket.Build();
    }
}
