namespace Blind43.TramDepot.Diagnostics;

public sealed record FaultCode(string TramId, string Code, string Description);

public interface IOnboardDiagnostics
{
    IEnumerable<FaultCode> ReadFaults(string tramId);
}

/// <summary>
/// Pulls fault codes from every tram parked in the depot before the morning roll-out.
/// The depot controller wants an answer within a fixed time even if some trams are slow to respond.
/// </summary>
public sealed class DepotFaultSweep
{
    private readonly IOnboardDiagnostics _diagnostics;
    private readonly TimeSpan _budget;

    public DepotFaultSweep(IOnboardDiagnostics diagnostics, TimeSpan budget)
    {
        _diagnostics = diagnostics;
        _budget = budget;
    }

    public async Task<SweepReport> SweepAsync(IReadOnlyList<string> tramIds, CancellationToken ct)
    {
        var found = new List<FaultCode>();
        var checkedCount = 0;

        var sweep = Task.Run(() =>
        {
            foreach (var tramId in tramIds)
            {
                if (ct.IsCancellationRequested)
                {
                    break;
                }

                foreach (var fault in _diagnostics.ReadFaults(tramId))
                {
                    found.Add(fault);
                }

                Interlocked.Increment(ref checkedCount);
            }
        }, ct);

        var winner = await Task.WhenAny(sweep, Task.Delay(_budget, ct)).ConfigureAwait(false);
        var complete = winner == sweep;
        if (complete)
        {
            await sweep.ConfigureAwait(false);
        }

        return new SweepReport(
            found.ToList(),
            Volatile.Read(ref checkedCount),
            tramIds.Count,
            complete);
    }
}

public sealed record SweepReport(IReadOnlyList<FaultCode> Faults, int TramsChecked, int TramsInDepot, bool Complete)
{
    public IEnumerable<string> TramsToHoldBack() =>
        Faults.Where(f => f.Code.StartsWith("B", StringComparison.Ordinal))
              .Select(f => f.TramId)
              .Distinct();
}
