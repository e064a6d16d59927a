using System.Collections.Concurrent;

namespace Blind61.Allotments.Water;

/// <summary>Litres used by one plot holder in the current billing month.</summary>
public sealed class PlotUsage
{
    private long _litres;

    public long Litres => Interlocked.Read(ref _litres);

    public long Add(long litres) => Interlocked.Add(ref _litres, litres);

    /// <summary>Adds the litres only if the total stays within the allowance.</summary>
    public bool TryConsume(long litres, long allowance)
    {
        var current = Interlocked.Read(ref _litres);
        while (true)
        {
            if (current + litres > allowance)
                return false;
            var seen = Interlocked.CompareExchange(ref _litres, current + litres, current);
            if (seen == current)
                return true;
            current = seen;
        }
    }

    public long Reset() => Interlocked.Exchange(ref _litres, 0);
}

/// <summary>
/// Water quota tracking for the allotment society. Each standpipe meter reports through the
/// society's gateway, so many meters update plot holders' usage at once. Singleton.
/// </summary>
public sealed class AllotmentWaterQuota
{
    private readonly ConcurrentDictionary<string, PlotUsage> _usage = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<string, long> _allowanceFor;

    public AllotmentWaterQuota(Func<string, long> allowanceFor) => _allowanceFor = allowanceFor;

    /// <summary>Opens the tap for a pre-paid fill if the plot has allowance left.</summary>
    public bool TryReserveFill(string plotId, long litres)
    {
        var usage = _usage.GetOrAdd(plotId, _ => new PlotUsage());
        return usage.TryConsume(litres, _allowanceFor(plotId));
    }

    /// <summary>Meter pulses for taps that are metered after the fact.</summary>
    public void RecordMetered(string plotId, long litres)
    {
        _usage.GetOrAdd(plotId, _ => new PlotUsage()).Add(litres);
    }

    public long UsedBy(string plotId) => _usage.TryGetValue(plotId, out var u) ? u.Litres : 0;

    /// <summary>Run by the billing job at month end; returns the closing totals.</summary>
    public IReadOnlyDictionary<string, long> CloseMonth()
    {
        var closing = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var (plot, usage) in _usage)
            closing[plot] = usage.Reset();
        return closing;
    }
}

/// <summary>Receives meter messages from the standpipe gateway.</summary>
public sealed class StandpipeGatewayListener
{
    private readonly AllotmentWaterQuota _quota;

    public StandpipeGatewayListener(AllotmentWaterQuota quota) => _quota = quota;

    public Task OnBatchAsync(IReadOnlyList<(string PlotId, long Litres)> batch, CancellationToken ct) =>
        Parallel.ForEachAsync(batch, ct, (item, _) =>
        {
            _quota.RecordMetered(item.PlotId, item.Litres);
            return ValueTask.CompletedTask;
        });
}
