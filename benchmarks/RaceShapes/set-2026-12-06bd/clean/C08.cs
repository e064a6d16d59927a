using System.Collections.Concurrent;

namespace Blind56.CarpetCleaners.Metering;

public sealed record HireInvoiceLine(string BranchId, DateOnly Period, long MachineMinutes, long PeakConcurrentMachines, decimal Amount);

/// <summary>
/// Meters carpet-cleaning machine hire minutes per franchise branch. Singleton;
/// the van telematics endpoint calls RecordMinutes continuously and the billing
/// job calls RollUp at month end.
/// </summary>
public sealed class MachineHireMeter
{
    private readonly ConcurrentDictionary<string, BranchUsage> _branches = new(StringComparer.OrdinalIgnoreCase);
    private readonly decimal _ratePerMinute;

    public MachineHireMeter(decimal ratePerMinute) => _ratePerMinute = ratePerMinute;

    private sealed class BranchUsage
    {
        public long Minutes;
        public long MachinesOut;
        public long PeakMachinesOut;
    }

    public void MachineCheckedOut(string branchId)
    {
        var usage = _branches.GetOrAdd(branchId, static _ => new BranchUsage());
        long now = Interlocked.Increment(ref usage.MachinesOut);
        RaisePeak(usage, now);
    }

    public void MachineReturned(string branchId)
    {
        if (_branches.TryGetValue(branchId, out var usage))
        {
            Interlocked.Decrement(ref usage.MachinesOut);
        }
    }

    public void RecordMinutes(string branchId, int minutes)
    {
        var usage = _branches.GetOrAdd(branchId, static _ => new BranchUsage());
        Interlocked.Add(ref usage.Minutes, minutes);
    }

    private static void RaisePeak(BranchUsage usage, long candidate)
    {
        long seen = Interlocked.Read(ref usage.PeakMachinesOut);
        while (candidate > seen)
        {
            long previous = Interlocked.CompareExchange(ref usage.PeakMachinesOut, candidate, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    /// <summary>Takes the usage for the period and resets the counters for the next one.</summary>
    public IReadOnlyList<HireInvoiceLine> RollUp(DateOnly period)
    {
        var lines = new List<HireInvoiceLine>();
        foreach (var (branchId, usage) in _branches)
        {
            long minutes = Interlocked.Exchange(ref usage.Minutes, 0);
            long stillOut = Interlocked.Read(ref usage.MachinesOut);
            long peak = Interlocked.Exchange(ref usage.PeakMachinesOut, stillOut);
            if (minutes == 0)
            {
                continue;
            }

            lines.Add(new HireInvoiceLine(branchId, period, minutes, peak, minutes * _ratePerMinute));
        }

        return lines.OrderBy(l => l.BranchId, StringComparer.Ordinal).ToList();
    }
}
