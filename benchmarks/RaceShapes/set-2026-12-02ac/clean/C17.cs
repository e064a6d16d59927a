using System.Collections.Concurrent;

namespace Blind29.CiderPress.Intake;

public sealed record AppleDelivery(string Grower, string Variety, double Kilograms, double Brix);

public sealed record IntakeReport(double TotalKg, IReadOnlyDictionary<string, double> KgByGrower, double WeightedBrix);

/// <summary>
/// Weighbridge intake for the press house. The weighbridge reader thread adds
/// deliveries; a single accounting thread consumes them and builds the day's report.
/// </summary>
public sealed class IntakeLine : IDisposable
{
    private readonly BlockingCollection<AppleDelivery> _queue = new(boundedCapacity: 500);
    private readonly Thread _accountant;
    private IntakeReport? _report;

    public IntakeLine()
    {
        _accountant = new Thread(Account) { IsBackground = true, Name = "intake-accounting" };
        _accountant.Start();
    }

    public void Deliver(AppleDelivery delivery) => _queue.Add(delivery);

    /// <summary>Closes intake for the day and returns the totals.</summary>
    public IntakeReport CloseDay()
    {
        _queue.CompleteAdding();
        _accountant.Join();
        return _report!;
    }

    private void Account()
    {
        var byGrower = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        double total = 0;
        double brixWeighted = 0;

        foreach (var delivery in _queue.GetConsumingEnumerable())
        {
            total += delivery.Kilograms;
            brixWeighted += delivery.Brix * delivery.Kilograms;
            byGrower[delivery.Grower] = byGrower.GetValueOrDefault(delivery.Grower) + delivery.Kilograms;
        }

        _report = new IntakeReport(total, byGrower, total == 0 ? 0 : brixWeighted / total);
    }

    public void Dispose() => _queue.Dispose();
}

public sealed class Weighbridge
{
    private readonly IntakeLine _line;

    public Weighbridge(IntakeLine line) => _line = line;

    public Task RunAsync(IEnumerable<string> ticketLines, CancellationToken ct) => Task.Run(() =>
    {
        foreach (var line in ticketLines)
        {
            ct.ThrowIfCancellationRequested();
            var f = line.Split(',');
            _line.Deliver(new AppleDelivery(f[0], f[1],
                double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture)));
        }
    }, ct);
}
