using System.Collections.Concurrent;

namespace Blind56.TyreFitters.Billing;

public sealed record BillingLine(string GarageId, DateOnly Period, long AlignmentReports, decimal Amount);

/// <summary>
/// Counts wheel-alignment report generations per garage for the monthly invoice.
/// Registered as a singleton; Record is called from every report request and
/// RollUp from the billing job at the end of the period.
/// </summary>
public sealed class AlignmentReportMeter
{
    private readonly ConcurrentDictionary<string, UsageCell> _cells = new(StringComparer.OrdinalIgnoreCase);
    private readonly decimal _pricePerReport;

    public AlignmentReportMeter(decimal pricePerReport)
    {
        _pricePerReport = pricePerReport;
    }

    private sealed class UsageCell
    {
        public long Reports;
    }

    public void Record(string garageId)
    {
        UsageCell cell = _cells.GetOrAdd(garageId, static _ => new UsageCell());
        Interlocked.Increment(ref cell.Reports);
    }

    public long CurrentUsage(string garageId) =>
        _cells.TryGetValue(garageId, out var cell) ? Interlocked.Read(ref cell.Reports) : 0;

    /// <summary>Produces the invoice lines for the period and starts counting afresh.</summary>
    public IReadOnlyList<BillingLine> RollUp(DateOnly period)
    {
        var lines = new List<BillingLine>();
        foreach (var pair in _cells)
        {
            UsageCell cell = pair.Value;
            long reports = cell.Reports;
            cell.Reports = 0;
            if (reports == 0)
            {
                continue;
            }

            lines.Add(new BillingLine(pair.Key, period, reports, reports * _pricePerReport));
        }

        lines.Sort((a, b) => string.CompareOrdinal(a.GarageId, b.GarageId));
        return lines;
    }
}

/// <summary>Runs at midnight on the first of the month.</summary>
public sealed class MonthlyBillingJob
{
    private readonly AlignmentReportMeter _meter;
    private readonly Func<IReadOnlyList<BillingLine>, CancellationToken, Task> _sendToInvoicing;

    public MonthlyBillingJob(AlignmentReportMeter meter, Func<IReadOnlyList<BillingLine>, CancellationToken, Task> sendToInvoicing)
    {
        _meter = meter;
        _sendToInvoicing = sendToInvoicing;
    }

    public async Task RunAsync(DateOnly today, CancellationToken ct)
    {
        var period = today.AddMonths(-1);
        var lines = _meter.RollUp(new DateOnly(period.Year, period.Month, 1));
        if (lines.Count > 0)
        {
            await _sendToInvoicing(lines, ct).ConfigureAwait(false);
        }
    }
}
